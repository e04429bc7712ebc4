#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor with the few calls the writers need, each turning `errno` into a
/// `FlatExportError` that names the path. Closed by `close()` or, failing that, on deinit.
final class POSIXFile {
    let path: String
    private var descriptor: Int32

    /// Opens `path` for writing, creating it (mode 0644) or truncating it.
    static func create(_ path: String) throws -> POSIXFile {
        let descriptor = retryingOnInterrupt { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw FlatExportError.system(errno, "creating", path: path) }
        return POSIXFile(path: path, descriptor: descriptor)
    }

    /// Opens an existing file or folder read-only.
    static func openForReading(_ path: String, directory: Bool = false) throws -> POSIXFile {
        let flags = O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0)
        let descriptor = retryingOnInterrupt { open(path, flags) }
        guard descriptor >= 0 else { throw FlatExportError.system(errno, "opening", path: path) }
        return POSIXFile(path: path, descriptor: descriptor)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { _ = Glibc_close(descriptor) }
    }

    /// Writes all of `bytes`, continuing after short writes and signals.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw FlatExportError.system(errno, "writing", path: path)
            }
            // write() returning 0 for a non-empty buffer is what a full device does on some systems.
            guard written > 0 else { throw FlatExportError.system(ENOSPC, "writing", path: path) }
            remaining -= written
            base += written
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc_read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw FlatExportError.system(errno, "reading", path: path) }
        }
    }

    /// Flushes the file (or folder entry list) to stable storage.
    func sync() throws {
        guard fsync(descriptor) == 0 else {
            // Some file systems cannot fsync a folder; that is not a lost write.
            if errno == EINVAL || errno == EROFS { return }
            throw FlatExportError.system(errno, "syncing", path: path)
        }
    }

    /// Closes the descriptor; a failure here can be a delayed write error (NFS), so it is reported.
    func close() throws {
        guard descriptor >= 0 else { return }
        let result = Glibc_close(descriptor)
        descriptor = -1
        if result != 0 && errno != EINTR { throw FlatExportError.system(errno, "closing", path: path) }
    }

    @inline(__always)
    static func retryingOnInterrupt(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

// The class's own `close()`/`read(into:)` shadow the C functions inside it.
@inline(__always) private func Glibc_close(_ descriptor: Int32) -> Int32 { close(descriptor) }
@inline(__always) private func Glibc_read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
