#include "core/scratch_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

namespace postport {

namespace {

[[noreturn]] void fail(std::error_code error, const std::string& doing) { throw std::system_error(error, doing); }
[[noreturn]] void fail_with_errno(const std::string& doing) { fail({errno, std::generic_category()}, doing); }

}  // namespace

ScratchFile::ScratchFile(std::string what) : what_(std::move(what)) {
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::temp_directory_path(error);
    if (error) fail(error, "cannot create " + what_);
    std::string name = (folder / "postport-XXXXXX").string();
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) fail_with_errno("cannot create " + what_);
    // Unlinked at once: nothing is left behind, whatever way the process ends.
    ::unlink(name.c_str());
}

ScratchFile::ScratchFile(ScratchFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), what_(std::move(other.what_)) {}

ScratchFile& ScratchFile::operator=(ScratchFile&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        what_ = std::move(other.what_);
    }
    return *this;
}

ScratchFile::~ScratchFile() {
    if (fd_ >= 0) ::close(fd_);
}

void ScratchFile::read(std::span<std::byte> into, std::uint64_t offset) const {
    while (!into.empty()) {
        const ssize_t n = ::pread(fd_, into.data(), into.size(), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_with_errno("cannot read " + what_);
        if (n == 0) fail(std::make_error_code(std::errc::io_error), "cannot read " + what_ + ": it ends too soon");
        into = into.subspan(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

void ScratchFile::write(std::span<const std::byte> bytes, std::uint64_t offset) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_with_errno("cannot write " + what_);
        if (n == 0) fail(std::make_error_code(std::errc::io_error), "cannot write " + what_);
        bytes = bytes.subspan(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

void ScratchFile::resize(std::uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) fail_with_errno("cannot write " + what_);
}

}  // namespace postport
