import Foundation

/// A small tmpfs, to fill a disk on purpose. Mounting needs root with CAP_SYS_ADMIN (a plain
/// container may refuse); tests that need it are skipped when `available` is false.
enum Tmpfs {
    static let fillerName = "filler.bin"

    /// Whether this process may mount a tmpfs: tried once on a scratch folder.
    static let available: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("wolkvox-e2e-tmpfs-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? mount(at: probe, size: "64k")) != nil else { return false }
        unmount(probe)
        return true
    }()

    static func mount(at folder: URL, size: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let status = run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path])
        guard status == 0 else {
            throw NSError(domain: "tmpfs", code: Int(status), userInfo: [NSLocalizedDescriptionKey: "mount -t tmpfs failed (\(status))"])
        }
    }

    static func unmount(_ folder: URL) {
        _ = run("/bin/umount", [folder.path])
    }

    /// Free bytes on the file system holding `folder`.
    static func freeBytes(_ folder: URL) -> Int {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Writes a filler file so that only about `leaving` bytes stay free.
    static func fill(_ folder: URL, leaving: Int) throws {
        let size = max(0, freeBytes(folder) - leaving)
        try Data(count: size).write(to: folder.appendingPathComponent(fillerName))
    }

    static func unfill(_ folder: URL) throws {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(fillerName))
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
