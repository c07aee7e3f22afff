// Files: reading input trees without following links out of them, and
// writing output files atomically.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <istream>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>

namespace postport {

// Writing an output file failed (as opposed to reading an input).
class OutputError : public std::system_error {
public:
    using std::system_error::system_error;
};

// An input file postport does not read: a symbolic link (it could lead out
// of the tree) or a special file (a FIFO, a device); reported and skipped.
class NotRead : public std::runtime_error {
public:
    NotRead(std::string reason, const std::string& message)
        : std::runtime_error(message), reason_(std::move(reason)) {}
    [[nodiscard]] const std::string& reason() const { return reason_; }

private:
    std::string reason_;  // in a few words: "symbolic link", "special file"
};

// Reads a whole file. Throws std::system_error.
std::string read_file(const std::filesystem::path& path);

// Reads what is left of a stream (standard input, a peeked input).
std::string read_rest(std::istream& in);

// The largest input file postport reads (a post of several hundred
// megabytes is not an article; refusing it keeps memory bounded).
inline constexpr std::size_t max_input_file_size = std::size_t{256} << 20;

// Reads a whole file of an input tree. Refuses a symbolic link (a link in
// a site could lead out of it; it is reported, never followed) or a special
// file (NotRead), and a file over max_input_file_size (std::system_error,
// as for any file that cannot be read). Messages name the file and say why.
std::string read_input_file(const std::filesystem::path& path);

// The first `size` bytes of an input tree's regular file; empty for a
// symbolic link, a special file or a file that cannot be read.
std::string read_input_head(const std::filesystem::path& path, std::size_t size);

// Calls `visit(relative, name)` for every file under `root`, and for every
// symbolic link and special file (to be reported, not read), with '/'-separated paths relative to `root`,
// in directory order. A folder for which `skip_folder(relative, name)` is
// true is not entered.
void walk_files(const std::filesystem::path& root,
                const std::function<bool(const std::string& relative, const std::string& name)>& skip_folder,
                const std::function<void(const std::string& relative, const std::string& name)>& visit);

// Writes `bytes` to a temporary file beside `path` and renames it into place,
// so that `path` is never seen half written. Creates parent folders unless
// the caller knows they exist. Throws OutputError.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           bool create_folders = true);

// The first half of write_file_atomically: `bytes` written to a new hidden
// temporary file beside `path`, to be renamed into place later, possibly
// under another name in the same folder. Removed unless renamed.
class TemporaryFile {
public:
    // Creates parent folders unless the caller knows they exist. Throws OutputError.
    TemporaryFile(const std::filesystem::path& path, std::string_view bytes, bool create_folders = true);
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile();
    // Throws OutputError (and removes the temporary file).
    void rename_to(const std::filesystem::path& path);

private:
    std::string name_;  // empty once renamed
};

// A file written through a stream into a temporary file beside `path`, and
// renamed into place by commit(); never committed, it leaves nothing behind.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);  // throws OutputError
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();
    [[nodiscard]] std::ostream& stream() { return stream_; }
    void commit();  // throws OutputError

private:
    std::filesystem::path path_;
    std::string temporary_;
    std::ofstream stream_;
    bool committed_ = false;
};

// Whether a path stays inside the folder it is relative to: relative, no
// "..", no empty or "." parts, no backslash, no NUL.
bool is_safe_relative_path(std::string_view path);

}  // namespace postport
