// Helpers shared by the tests: temporary folders, files and trees, running
// the postport executable, and readable descriptions of front matter values.
// Header-only: tests/CMakeLists.txt compiles only *_test.cpp files.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/codecs.h"
#include "core/value.h"

namespace postport::test {

namespace fs = std::filesystem;

// The source tree and the executable under test (compile definitions).
inline fs::path source_dir() { return fs::path(POSTPORT_SOURCE_DIR); }
inline fs::path samples_dir() { return source_dir() / "samples"; }
inline fs::path executable() { return fs::path(POSTPORT_EXECUTABLE); }

// A fresh, empty folder, removed with everything in it when it goes out of scope.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "postport-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::system_error(errno, std::generic_category(), "mkdtemp");
        path_ = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }

    [[nodiscard]] const fs::path& path() const { return path_; }
    [[nodiscard]] fs::path operator/(const fs::path& relative) const { return path_ / relative; }

private:
    fs::path path_;
};

inline std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Writes `bytes` exactly, creating parent folders.
inline void write_bytes(const fs::path& path, std::string_view bytes) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Every regular file under `root`, as sorted '/'-separated relative paths
// (hidden files and folders included). Empty if `root` does not exist.
inline std::vector<std::string> list_tree(const fs::path& root) {
    std::vector<std::string> files;
    std::error_code error;
    if (!fs::is_directory(root, error)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

// Copies a tree (files and folders) into `to`, which is created.
inline void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive);
}

struct RunResult {
    int exit_code = -1;  // 128 + signal if the process was killed by one
    std::string out;
    std::string err;
};

// Runs `arguments[0]` with the arguments (no shell), feeding `input` on
// standard input and capturing standard output and error.
inline RunResult run(const std::vector<std::string>& arguments, std::string_view input = {}) {
    if (arguments.empty()) throw std::invalid_argument("run: no program");
    int in_pipe[2];
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe");
    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
    if (pid == 0) {
        ::dup2(in_pipe[0], STDIN_FILENO);
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(err_pipe[1], STDERR_FILENO);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            ::close(fd);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    // Never block on a full pipe: write input and read both outputs as each is ready.
    const auto old_sigpipe = std::signal(SIGPIPE, SIG_IGN);
    RunResult result;
    std::size_t written = 0;
    int writer = in_pipe[1];
    if (input.empty()) {
        ::close(writer);
        writer = -1;
    }
    int readers[2] = {out_pipe[0], err_pipe[0]};
    std::string* sinks[2] = {&result.out, &result.err};
    while (writer >= 0 || readers[0] >= 0 || readers[1] >= 0) {
        pollfd fds[3];
        nfds_t count = 0;
        int which[3];
        if (writer >= 0) {
            fds[count] = pollfd{writer, POLLOUT, 0};
            which[count++] = -1;
        }
        for (int i = 0; i < 2; ++i) {
            if (readers[i] < 0) continue;
            fds[count] = pollfd{readers[i], POLLIN, 0};
            which[count++] = i;
        }
        if (::poll(fds, count, -1) < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        for (nfds_t k = 0; k < count; ++k) {
            if (fds[k].revents == 0) continue;
            if (which[k] < 0) {
                ssize_t n = ::write(writer, input.data() + written, input.size() - written);
                if (n > 0) written += static_cast<std::size_t>(n);
                if (n < 0 && errno != EINTR && errno != EAGAIN) written = input.size();
                if (written == input.size()) {
                    ::close(writer);
                    writer = -1;
                }
                continue;
            }
            char buffer[65536];
            ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[which[k]]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                ::close(fds[k].fd);
                readers[which[k]] = -1;
            }
        }
    }
    std::signal(SIGPIPE, old_sigpipe);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    }
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
    return result;
}

// Runs the postport executable with `arguments`.
inline RunResult run_postport(std::vector<std::string> arguments, std::string_view input = {}) {
    arguments.insert(arguments.begin(), executable().string());
    return run(arguments, input);
}

// A program on PATH, or an empty path.
inline fs::path find_program(std::string_view name) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return {};
    std::stringstream folders{std::string(path)};
    std::string folder;
    while (std::getline(folders, folder, ':')) {
        if (folder.empty()) continue;
        fs::path candidate = fs::path(folder) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

// For failure messages: a value with its type, e.g. `integer 42`, `string "x"`.
inline std::string describe(const Value& value);

inline std::string describe(const Table& table) {
    std::string out = "{";
    bool first = true;
    for (const auto& entry : table) {
        if (!first) out += ", ";
        first = false;
        out += entry.key + ": " + describe(entry.value);
    }
    return out + "}";
}

inline std::string describe(const Value& value) {
    switch (value.type()) {
        case ValueType::Null: return "null";
        case ValueType::Bool: return value.as_bool() ? "bool true" : "bool false";
        case ValueType::Integer: return "integer " + std::to_string(value.as_integer());
        case ValueType::Float: {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "float %.17g", value.as_float());
            return buffer;
        }
        case ValueType::String: return "string \"" + value.as_string() + "\"";
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime:
            return std::string(type_name(value.type())) + " " + format_datetime(value.as_datetime());
        case ValueType::Array: {
            std::string out = "[";
            for (std::size_t i = 0; i < value.as_array().size(); ++i) {
                if (i > 0) out += ", ";
                out += describe(value.as_array()[i]);
            }
            return out + "]";
        }
        case ValueType::Table: return describe(value.as_table());
    }
    return "?";
}

// The top-level keys of a table, in order.
inline std::vector<std::string> keys_of(const Table& table) {
    std::vector<std::string> keys;
    for (const auto& entry : table) keys.push_back(entry.key);
    return keys;
}

// A diff-like account of the first line where two texts differ, or "" if equal.
inline std::string first_difference(std::string_view expected, std::string_view actual) {
    if (expected == actual) return {};
    std::size_t line = 1;
    std::size_t start = 0;
    while (true) {
        std::size_t e_end = expected.find('\n', start);
        std::size_t a_end = actual.find('\n', start);
        std::string_view e = expected.substr(start, e_end == std::string_view::npos ? std::string_view::npos
                                                                                 : e_end + 1 - start);
        std::string_view a = actual.substr(start, a_end == std::string_view::npos ? std::string_view::npos
                                                                               : a_end + 1 - start);
        if (e != a || start >= expected.size() || start >= actual.size()) {
            auto show = [](std::string_view text) {
                std::string out;
                for (char c : text) {
                    if (c == '\n') out += "\\n";
                    else if (c == '\r') out += "\\r";
                    else if (c == '\t') out += "\\t";
                    else out += c;
                }
                return out;
            };
            std::string message = "first difference at line " + std::to_string(line) + ":\n";
            message += start < expected.size() ? "- " + show(e) + "\n" : "- <end of file>\n";
            message += start < actual.size() ? "+ " + show(a) + "\n" : "+ <end of file>\n";
            return message;
        }
        start += e.size();
        ++line;
    }
}

}  // namespace postport::test

// How GoogleTest prints front matter values in failure messages.
namespace postport {
inline void PrintTo(const Value& value, std::ostream* os) { *os << test::describe(value); }
inline void PrintTo(const Table& table, std::ostream* os) { *os << test::describe(table); }
}  // namespace postport
