import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// One run of a pipeline at a time (cron firing while last night's run is still going): the
/// second would clean the first's staging and race it on the state file. A kernel file lock, so
/// a killed run never leaves it held.
final class PipelineLock: Sendable {
    private let fd: Int32

    /// - Throws: `ETLError(.state)` naming the pipeline when another run holds it.
    init(root: URL, pipelineName: String) throws {
        let dir = root.appendingPathComponent("_wolkvox/state")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("\(pipelineName).lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ETLError(.io, "load.root '\(root.path)' cannot be used: cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ETLError(
                .state,
                "another run of pipeline '\(pipelineName)' is still going (it holds \(path)); wait for it, or stop it and run again to resume")
        }
    }

    deinit { close(fd) }
}
