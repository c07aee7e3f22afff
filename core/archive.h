// Where a site conversion writes, and platforms whose site is one file.
//
// A site is a tree of files. Hugo and Jekyll keep that tree in a folder; the
// JSON formats (postport's own, Ghost exports) keep it in one file. A site
// conversion always reads a folder and writes its files into a SiteSink: a
// folder, or the packer of an archive platform. An archive given as input is
// first unpacked into a folder.
#pragma once

#include <cstddef>
#include <filesystem>
#include <istream>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <string_view>

#include "core/diagnostics.h"

namespace postport {

// A file written ahead of its turn (SiteSink::stage); dropped unless placed.
class StagedFile {
public:
    virtual ~StagedFile() = default;
};

// The files a site conversion writes, one by one, as '/'-separated paths
// relative to the output root (already checked: no "..", not absolute).
class SiteSink {
public:
    virtual ~SiteSink() = default;
    // Throws std::exception when the file cannot be written.
    virtual void write(const std::string& relative, std::string_view bytes) = 0;
    // Writing in two steps, so that the costly part runs on the worker
    // threads while files still appear in the conversion's order: stage()
    // takes the file from any thread, place() puts it at its final path
    // (`relative` or another name in the same folder), in order. A folder
    // that exists writes a temporary file at once and renames it; other
    // sinks (a new folder too, where a plain write costs no more than the
    // rename would) keep the bytes and write() them. Both throw std::exception.
    [[nodiscard]] virtual std::unique_ptr<StagedFile> stage(const std::string& relative, std::string bytes);
    virtual void place(std::unique_ptr<StagedFile> file, const std::string& relative);
    // Whether the output already holds `relative` (a user's own layout is not overwritten).
    [[nodiscard]] virtual bool exists(const std::string& relative) const = 0;
    // Called once after the last file: an archive writes its end here. Throws.
    virtual void finish() {}
    // Whether write() may be called from several threads at once, in any
    // order; otherwise files come one at a time, in the conversion's order.
    [[nodiscard]] virtual bool concurrent() const { return false; }
    // The folder the files go into, if the sink is one: the conversion keeps
    // its round-trip records there (core/records.h), and reads back what the
    // folder already holds.
    [[nodiscard]] virtual const std::filesystem::path* folder() const { return nullptr; }
};

// A folder, where no file is ever seen half written. Into a folder that
// exists, each file is written to a temporary file beside it and renamed into
// place. A new folder is built whole: under a hidden name beside it
// (".NAME.postport-PID.tmp"), with plain writes, and renamed into place by
// finish(), so that it appears complete or not at all; unfinished, it is
// removed (after kill -9, the hidden folder is what is left).
class FolderSink final : public SiteSink {
public:
    enum class Build { FileByFile, WholeFolder };
    // WholeFolder needs `root` not to exist or to be an empty folder; for
    // ".", ".." or "/", files go in one by one. Throws OutputError.
    explicit FolderSink(std::filesystem::path root, Build build = Build::FileByFile);
    FolderSink(const FolderSink&) = delete;
    FolderSink& operator=(const FolderSink&) = delete;
    ~FolderSink() override;
    void finish() override;
    void write(const std::string& relative, std::string_view bytes) override;
    [[nodiscard]] std::unique_ptr<StagedFile> stage(const std::string& relative, std::string bytes) override;
    void place(std::unique_ptr<StagedFile> file, const std::string& relative) override;
    [[nodiscard]] bool exists(const std::string& relative) const override;
    [[nodiscard]] bool concurrent() const override { return true; }
    [[nodiscard]] const std::filesystem::path* folder() const override {
        return building_.empty() ? &root_ : &building_;
    }

private:
    // Whether the folder of `relative` is known to exist; made_folder() says it does now.
    [[nodiscard]] bool folder_made(const std::string& relative);
    void made_folder(const std::string& relative);

    std::filesystem::path root_;
    std::filesystem::path building_;  // a new folder until finish(); empty when files go to root_ one by one
    std::mutex folders_mutex_;
    std::set<std::string> made_folders_;  // relative folders known to exist
};

// Writes nothing: what a dry run converts goes here.
class DiscardingSink final : public SiteSink {
public:
    void write(const std::string&, std::string_view) override {}
    [[nodiscard]] bool exists(const std::string&) const override { return false; }
    [[nodiscard]] bool concurrent() const override { return true; }
};

// How a platform whose site is one file packs and unpacks that file.
class SiteArchive {
public:
    virtual ~SiteArchive() = default;

    // How much of an input holds_site is shown: the input's first bytes
    // (all of it when it is shorter), so that a site is not read twice.
    static constexpr std::size_t head_size = std::size_t{64} << 10;
    // Whether an input that starts with `head` holds a site rather than one article.
    [[nodiscard]] virtual bool holds_site(std::string_view head) const = 0;
    // Reads the archive from `in` and writes every file it holds into
    // `sink`, byte for byte as they were packed; reads as it goes where the
    // format allows, so that memory need not hold the archive. `display`
    // names the archive in messages. Throws ParseError (with the position
    // in the archive) for input that is not such an archive; refuses entries
    // whose path is not a safe relative path.
    virtual void unpack(std::istream& in, const std::string& display, SiteSink& sink,
                        Warnings& warnings) const = 0;
    // A sink that packs the files written to it into `out`; `output_name` is
    // the output's file name (its extension may choose a layout, as .ndjson
    // does), "-" for standard output.
    [[nodiscard]] virtual std::unique_ptr<SiteSink> packer(std::ostream& out,
                                                           std::string_view output_name) const = 0;
};

}  // namespace postport
