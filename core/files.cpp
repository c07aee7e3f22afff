#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/archive.h"

namespace postport {

namespace fs = std::filesystem;

namespace {

std::system_error file_error(int error, const std::string& what, const fs::path& path) {
    return std::system_error(error, std::generic_category(), what + " " + path.string());
}

}  // namespace

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw file_error(errno, "cannot read", path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw file_error(errno, "cannot read", path);
    return std::move(buffer).str();
}

std::string read_rest(std::istream& in) {
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

namespace {

// A regular file of an input tree, open for reading, closed on destruction.
class InputFile {
public:
    // Does not follow a link (it could lead out of the tree) nor wait on a
    // FIFO. Throws NotRead for a link or a special file, std::system_error
    // when the file cannot be opened.
    explicit InputFile(const fs::path& path)
        : fd_(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)) {
        if (fd_ < 0) {
            if (errno == ELOOP)
                throw NotRead("symbolic link", path.string() + ": a symbolic link: not followed, not converted");
            throw file_error(errno, "cannot read", path);
        }
        struct stat status {};
        if (::fstat(fd_, &status) != 0) {
            const int error = errno;
            ::close(fd_);
            throw file_error(error, "cannot read", path);
        }
        if (!S_ISREG(status.st_mode)) {
            ::close(fd_);
            throw NotRead("special file", path.string() + ": not a regular file (a FIFO, socket or device): not read");
        }
        size_ = static_cast<std::size_t>(status.st_size);
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile() { ::close(fd_); }

    [[nodiscard]] std::size_t size() const { return size_; }

    // Up to `size` bytes from the start; fewer if the file is shorter (or shrank).
    [[nodiscard]] std::string read(std::size_t size, const fs::path& path) const {
        std::string bytes(size, '\0');
        std::size_t done = 0;
        while (done < size) {
            const ssize_t n = ::read(fd_, bytes.data() + done, size - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw file_error(errno, "cannot read", path);
            if (n == 0) break;
            done += static_cast<std::size_t>(n);
        }
        bytes.resize(done);
        return bytes;
    }

private:
    int fd_;
    std::size_t size_ = 0;
};

}  // namespace

std::string read_input_file(const fs::path& path) {
    const InputFile file(path);
    if (file.size() > max_input_file_size)
        throw file_error(EFBIG, "larger than " + std::to_string(max_input_file_size >> 20) + " MB, not read:", path);
    return file.read(file.size(), path);
}

std::string read_input_head(const fs::path& path, std::size_t size) {
    try {
        return InputFile(path).read(size, path);
    } catch (const std::exception&) {
        return {};  // a link, a special file or an unreadable file has no head to look at
    }
}

void walk_files(const fs::path& root,
                const std::function<bool(const std::string& relative, const std::string& name)>& skip_folder,
                const std::function<void(const std::string& relative, const std::string& name)>& visit) {
    const std::string prefix = root.string() + (root.string().ends_with('/') ? "" : "/");
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        const std::string& full = it->path().native();
        std::string relative = full.starts_with(prefix) ? full.substr(prefix.size())
                                                        : it->path().lexically_relative(root).generic_string();
        std::string name = it->path().filename().string();
        std::error_code type_error;
        if (!it->is_symlink(type_error) && it->is_directory(type_error)) {
            if (skip_folder(relative, name)) it.disable_recursion_pending();
        } else {
            visit(relative, name);
        }
    }
}

namespace {

OutputError output_error(int error, const std::string& what, const fs::path& path) {
    return OutputError(error, std::generic_category(), what + " " + path.string());
}

void make_parent_folders(const fs::path& path) {
    if (!path.has_parent_path()) return;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) throw output_error(error.value(), "cannot create the folder", path.parent_path());
}

// The start of the name of what postport writes beside `path` before it
// becomes `path`: hidden, and saying whose it is (".NAME.postport-PID").
std::string hidden_stem_beside(const fs::path& path) {
    static const pid_t process_id = ::getpid();  // asked once, not once per file
    return (path.parent_path() / ("." + path.filename().string() + ".postport-" + std::to_string(process_id)))
        .string();
}

// A new, empty temporary file beside `path` (so that renaming it onto `path`
// is atomic), opened for writing: its descriptor and name. It gets the mode
// a plain write would (0666 less the umask), so no chmod is needed after.
// Its name is ".NAME.postport-PID-N.tmp".
std::pair<int, std::string> create_temporary_beside(const fs::path& path, bool create_folders) {
    static std::atomic<unsigned long> counter{0};
    // A bare file name ("out.json") is in the current folder: nothing to create.
    if (create_folders) make_parent_folders(path);
    const std::string stem = hidden_stem_beside(path) + "-";
    for (;;) {
        std::string temporary = stem + std::to_string(counter++) + ".tmp";
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) return {fd, std::move(temporary)};
        if (errno != EEXIST) throw output_error(errno, "cannot create a file in", path.parent_path());
    }
}

// Writes all of `bytes` to `fd` and closes it; returns 0, or the error.
int write_and_close(int fd, std::string_view bytes) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return error;
        }
        written += static_cast<std::size_t>(n);
    }
    return ::close(fd) == 0 ? 0 : errno;
}

void rename_into_place(const std::string& temporary, const fs::path& path) {
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw output_error(error, "cannot rename into", path);
    }
}

}  // namespace

TemporaryFile::TemporaryFile(const fs::path& path, std::string_view bytes, bool create_folders) {
    auto [fd, temporary] = create_temporary_beside(path, create_folders);
    name_ = std::move(temporary);
    if (const int error = write_and_close(fd, bytes); error != 0) {
        ::unlink(name_.c_str());
        throw output_error(error, "cannot write", path);
    }
}

TemporaryFile::~TemporaryFile() {
    if (!name_.empty()) ::unlink(name_.c_str());
}

void TemporaryFile::rename_to(const fs::path& path) {
    rename_into_place(std::exchange(name_, {}), path);
}

void write_file_atomically(const fs::path& path, std::string_view bytes, bool create_folders) {
    TemporaryFile(path, bytes, create_folders).rename_to(path);
}

AtomicFile::AtomicFile(fs::path path) : path_(std::move(path)) {
    auto [fd, temporary] = create_temporary_beside(path_, true);
    ::close(fd);
    temporary_ = std::move(temporary);
    stream_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!stream_) {
        ::unlink(temporary_.c_str());
        throw output_error(errno, "cannot write", path_);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) ::unlink(temporary_.c_str());
}

void AtomicFile::commit() {
    stream_.close();
    if (!stream_) throw output_error(EIO, "cannot write", path_);
    rename_into_place(temporary_, path_);
    committed_ = true;
}

namespace {

std::string folder_of(const std::string& relative) {
    const auto slash = relative.rfind('/');
    return slash == std::string::npos ? std::string() : relative.substr(0, slash);
}

// What SiteSink keeps of a staged file: its bytes.
struct StagedBytes final : StagedFile {
    explicit StagedBytes(std::string kept) : bytes(std::move(kept)) {}
    std::string bytes;
};

// What a folder keeps of a staged file: the temporary file it is in.
struct StagedTemporary final : StagedFile {
    StagedTemporary(const fs::path& path, std::string_view bytes, bool create_folders)
        : file(path, bytes, create_folders) {}
    TemporaryFile file;
};

}  // namespace

std::unique_ptr<StagedFile> SiteSink::stage(const std::string& /*relative*/, std::string bytes) {
    return std::make_unique<StagedBytes>(std::move(bytes));
}

void SiteSink::place(std::unique_ptr<StagedFile> file, const std::string& relative) {
    write(relative, dynamic_cast<StagedBytes&>(*file).bytes);
}

FolderSink::FolderSink(fs::path root, Build build) : root_(std::move(root)) {
    if (build == Build::FileByFile) return;
    // "out/" is the folder "out"; ".", ".." or "/" cannot be renamed into
    // place: their files go in one by one.
    fs::path folder = root_.lexically_normal();
    if (!folder.has_filename()) folder = folder.parent_path();
    if (folder.empty() || folder.filename() == "." || folder.filename() == ".." || folder == folder.root_path())
        return;
    root_ = folder;
    building_ = hidden_stem_beside(root_) + ".tmp";
    make_parent_folders(building_);
    if (::mkdir(building_.c_str(), 0777) != 0) throw output_error(errno, "cannot create the folder", building_);
}

FolderSink::~FolderSink() {
    std::error_code ignored;
    if (!building_.empty()) fs::remove_all(building_, ignored);
}

void FolderSink::finish() {
    if (building_.empty()) return;
    // Onto `root_` when it does not exist or is an empty folder.
    if (::rename(building_.c_str(), root_.c_str()) != 0) throw output_error(errno, "cannot rename into", root_);
    building_.clear();
}

// Folders are made once per conversion, not once per file.
bool FolderSink::folder_made(const std::string& relative) {
    const std::lock_guard lock(folders_mutex_);
    return made_folders_.contains(folder_of(relative));
}

void FolderSink::made_folder(const std::string& relative) {
    const std::lock_guard lock(folders_mutex_);
    made_folders_.insert(folder_of(relative));
}

void FolderSink::write(const std::string& relative, std::string_view bytes) {
    const bool made = folder_made(relative);
    if (building_.empty()) {
        write_file_atomically(root_ / relative, bytes, !made);
    } else {
        // Nobody sees the folder before it is complete: a plain write.
        const fs::path path = building_ / relative;
        if (!made) make_parent_folders(path);
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0) throw output_error(errno, "cannot write", path);
        if (const int error = write_and_close(fd, bytes); error != 0) throw output_error(error, "cannot write", path);
    }
    if (!made) made_folder(relative);
}

std::unique_ptr<StagedFile> FolderSink::stage(const std::string& relative, std::string bytes) {
    // A new folder is written in order, file by file, no slower than a rename.
    if (!building_.empty()) return SiteSink::stage(relative, std::move(bytes));
    const bool made = folder_made(relative);
    auto staged = std::make_unique<StagedTemporary>(root_ / relative, bytes, !made);
    if (!made) made_folder(relative);
    return staged;
}

void FolderSink::place(std::unique_ptr<StagedFile> file, const std::string& relative) {
    if (!building_.empty()) return SiteSink::place(std::move(file), relative);
    dynamic_cast<StagedTemporary&>(*file).file.rename_to(root_ / relative);
}

bool FolderSink::exists(const std::string& relative) const {
    std::error_code error;
    return fs::exists(*folder() / relative, error);
}

bool is_safe_relative_path(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find('\0') != std::string_view::npos ||
        path.find('\\') != std::string_view::npos)
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        std::string_view part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = slash + 1;
    }
    return true;
}

}  // namespace postport
