// Ghost: the JSON file Ghost exports and imports (1.x to 5.x read, Ghost 5
// written). A site is one file, so Ghost is an archive platform: the export
// is unpacked into one article file per post or page (converters/ghost/vocabulary.h)
// and packed back from them.
#pragma once

#include "core/platform.h"

namespace postport {

class GhostArchive final : public SiteArchive {
public:
    [[nodiscard]] bool holds_site(std::string_view head) const override;
    void unpack(std::istream& in, const std::string& display, SiteSink& sink,
                Warnings& warnings) const override;
    [[nodiscard]] std::unique_ptr<SiteSink> packer(std::ostream& out,
                                                   std::string_view output_name) const override;
};

class GhostPlatform final : public Platform {
public:
    [[nodiscard]] std::string_view name() const override { return "ghost"; }
    [[nodiscard]] std::string_view description() const override {
        return "Ghost JSON export/import file (reads 1.x-5.x, writes Ghost 5)";
    }
    [[nodiscard]] bool is_site_root(const std::filesystem::path& directory) const override;
    void list_documents(const std::filesystem::path& root, SortedPaths& documents,
                        SortedPaths& others) const override;
    [[nodiscard]] Document read(std::string_view bytes, std::string path, std::string display_path,
                                Warnings& warnings) const override;
    void to_common(Document& document, Warnings& warnings) const override;
    void from_common(Document& document, const WriteOptions& options, Warnings& warnings) const override;
    [[nodiscard]] Body read_body(const Document& document, BodyContext& context,
                                 Warnings& warnings) const override;
    [[nodiscard]] std::string write_body(const Body& body, Document& document, BodyContext& context,
                                         Warnings& warnings) const override;
    [[nodiscard]] std::string write_front_matter_data(const Document& document) const override;
    [[nodiscard]] std::string front_matter_fingerprint(const Document& document) const override;
    [[nodiscard]] std::string write(const Document& document) const override;

    [[nodiscard]] SiteFile classify(std::string_view relative) const override;
    [[nodiscard]] std::optional<std::string> place(const SiteFile& file) const override;

    [[nodiscard]] std::optional<SiteConfig> read_config(const std::filesystem::path& root,
                                                        Warnings& warnings) const override;
    [[nodiscard]] std::vector<OutputFile> write_config(const SiteConfig& config,
                                                       Warnings& warnings) const override;

    [[nodiscard]] std::optional<std::string> read_template(const std::filesystem::path& root,
                                                           std::string_view name) const override;
    [[nodiscard]] std::vector<OutputFile> write_templates(
        const std::vector<std::pair<std::string, std::optional<std::string>>>& used,
        std::string_view source_platform, Warnings& warnings) const override;
    [[nodiscard]] std::vector<OutputFile> write_layouts() const override { return {}; }

    [[nodiscard]] const SiteArchive* archive() const override { return &archive_; }

private:
    GhostArchive archive_;
};

}  // namespace postport
