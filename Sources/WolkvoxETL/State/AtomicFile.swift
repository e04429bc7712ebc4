package import Foundation
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes small files (state, run reports) so a reader sees the old content or the new, never a
/// torn write: write to a temporary file beside it, fsync, rename over.
///
/// swift-system opens and writes (a short write is continued, EINTR retried) and names the
/// errno; it has no fsync or rename, which come from the C library.
package enum AtomicFile {
    package static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            // Foundation's message here is "error 512"; the errno says why.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.map { "\(Errno(rawValue: Int32($0.code)))" } ?? "\(error)"
            throw ETLError(.io, "cannot create \(dir.path): \(reason)")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(
                FilePath(tmp.path), .writeOnly, options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch {
            throw ETLError(.io, "cannot write \(tmp.path): \(error)")
        }
        do {
            try file.closeAfter {
                try file.writeAll(data)
                guard fsync(file.rawValue) == 0 else { throw Errno(rawValue: errno) }
            }
        } catch {
            unlink(tmp.path)
            throw ETLError(.io, "cannot write \(url.path): \(error)")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let reason = Errno(rawValue: errno)
            unlink(tmp.path)
            throw ETLError(.io, "cannot replace \(url.path): \(reason)")
        }
    }
}
