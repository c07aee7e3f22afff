// An unlinked temporary file, read and written at given offsets: where a
// table that grows with the site goes once it is past a fixed size, so that
// the page cache holds it rather than the process's memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace postport {

class ScratchFile {
public:
    // `what` names the file in error messages: "cannot write " + what.
    // Throws std::system_error.
    explicit ScratchFile(std::string what);
    ScratchFile(ScratchFile&& other) noexcept;
    ScratchFile& operator=(ScratchFile&& other) noexcept;
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile();

    // Fills `into` from `offset`, all of it (safe on several threads at once).
    // Throws std::system_error.
    void read(std::span<std::byte> into, std::uint64_t offset) const;
    // Writes all of `bytes` at `offset`. Throws std::system_error.
    void write(std::span<const std::byte> bytes, std::uint64_t offset);
    // Makes the file `size` bytes long; bytes never written read as zeros.
    // Throws std::system_error.
    void resize(std::uint64_t size);

private:
    int fd_ = -1;
    std::string what_;
};

}  // namespace postport
