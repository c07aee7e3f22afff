// Hugo: content files under content/ with TOML (+++), YAML (---) or JSON ({})
// front matter, read as Hugo 0.111 reads them.
#pragma once

#include "core/platform.h"

namespace postport {

class HugoPlatform final : public Platform {
public:
    [[nodiscard]] std::string_view name() const override { return "hugo"; }
    [[nodiscard]] std::string_view description() const override {
        return "Hugo site (content/ with TOML, YAML or JSON front matter)";
    }
    [[nodiscard]] bool is_site_root(const std::filesystem::path& directory) const override;
    void list_documents(const std::filesystem::path& root, SortedPaths& documents,
                        SortedPaths& others) const override;
    [[nodiscard]] Document read(std::string_view bytes, std::string path, std::string display_path,
                                Warnings& warnings) const override;
    void to_common(Document& document, Warnings& warnings) const override;
    void from_common(Document& document, const WriteOptions& options,
                     Warnings& warnings) const override;
    [[nodiscard]] Body read_body(const Document& document, BodyContext& context,
                                 Warnings& warnings) const override;
    [[nodiscard]] std::string write_body(const Body& body, Document& document, BodyContext& context,
                                         Warnings& warnings) const override;
    [[nodiscard]] std::optional<std::string> published_url(const Document& document,
                                                           const SiteConfig& site) const override;
    [[nodiscard]] std::string write_front_matter_data(const Document& document) const override;
    [[nodiscard]] std::string write(const Document& document) const override;

    [[nodiscard]] SiteFile classify(std::string_view relative) const override;
    [[nodiscard]] std::optional<std::string> place(const SiteFile& file) const override;

    // config.cpp
    [[nodiscard]] std::optional<SiteConfig> read_config(const std::filesystem::path& root,
                                                        Warnings& warnings) const override;
    [[nodiscard]] std::vector<OutputFile> write_config(const SiteConfig& config,
                                                       Warnings& warnings) const override;

    // templates.cpp
    [[nodiscard]] std::optional<std::string> read_template(const std::filesystem::path& root,
                                                           std::string_view name) const override;
    [[nodiscard]] std::vector<OutputFile> write_templates(
        const std::vector<std::pair<std::string, std::optional<std::string>>>& used,
        std::string_view source_platform, Warnings& warnings) const override;
    [[nodiscard]] std::vector<OutputFile> write_layouts() const override;
};

}  // namespace postport
