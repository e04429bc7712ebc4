public import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes small files (state, run reports) so a reader sees the old content or the new, never a
/// torn write: write to a temporary file beside it, fsync, rename over.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            // Foundation's message here is "error 512"; the errno says why.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? "\(error)"
            throw ETLError(.io, "cannot create \(dir.path): \(reason)")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ETLError(.io, "cannot write \(tmp.path): \(String(cString: strerror(errno)))") }
        var ok = true
        var err: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    err = errno
                    return
                }
                offset += n
            }
        }
        if ok, fsync(fd) != 0 { ok = false; err = errno }
        close(fd)
        guard ok else {
            unlink(tmp.path)
            throw ETLError(.io, "cannot write \(url.path): \(String(cString: strerror(err)))")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let e = errno
            unlink(tmp.path)
            throw ETLError(.io, "cannot replace \(url.path): \(String(cString: strerror(e)))")
        }
    }
}
