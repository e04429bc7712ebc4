#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder operations the store needs, over POSIX calls so every failure keeps its `errno`
/// and names its path.
enum FileSystem {
    enum Kind { case missing, file, directory, other }

    /// What is at `path`, without following a final symbolic link.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// The size in bytes of the file at `path`.
    static func size(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FlatExportError.system(errno, "reading the size of", path: path) }
        return Int(info.st_size)
    }

    /// Creates `path` and any missing parents (`mkdir -p`).
    static func makeDirectories(_ path: String) throws {
        if kind(path) == .directory { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/" + component
            if mkdir(prefix, 0o755) == 0 { continue }
            let failure = errno
            if failure == EEXIST, kind(prefix) == .directory { continue }
            throw FlatExportError.system(failure == EEXIST ? ENOTDIR : failure, "creating folder", path: prefix)
        }
    }

    /// Creates one folder; fails if it exists.
    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else { throw FlatExportError.system(errno, "creating folder", path: path) }
    }

    /// The names in a folder, without `.` and `..`, sorted.
    static func entries(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else { throw FlatExportError.system(errno, "listing", path: path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a file or a whole folder tree; a missing path is not an error.
    static func removeTree(_ path: String) throws {
        switch kind(path) {
        case .missing:
            return
        case .directory:
            for name in try entries(path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else { throw FlatExportError.system(errno, "removing", path: path) }
        case .file, .other:
            guard unlink(path) == 0 || errno == ENOENT else { throw FlatExportError.system(errno, "removing", path: path) }
        }
    }

    static func rename(_ source: String, to destination: String) throws {
        guard Glibc_rename(source, destination) == 0 else {
            throw FlatExportError.system(errno, "renaming \(source) to", path: destination)
        }
    }

    /// Adds a hard link: the same file under a second name (same file system only).
    static func link(_ source: String, to destination: String) throws {
        guard Glibc_link(source, destination) == 0 else {
            throw FlatExportError.system(errno, "linking \(source) as", path: destination)
        }
    }

    /// Makes a folder's entries (renames, new files) durable.
    static func syncDirectory(_ path: String) throws {
        let directory = try POSIXFile.openForReading(path, directory: true)
        try directory.sync()
        try directory.close()
    }

    /// Writes a small file and fsyncs it.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let file = try POSIXFile.create(path)
        try bytes.withUnsafeBytes { try file.writeAll($0) }
        try file.sync()
        try file.close()
    }

    /// Reads a whole (small) file.
    static func read(_ path: String) throws -> [UInt8] {
        let file = try POSIXFile.openForReading(path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        try file.close()
        return bytes
    }
}

// Inside `FileSystem` the static `rename`/`link` shadow the C functions of the same name.
@inline(__always) private func Glibc_rename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
@inline(__always) private func Glibc_link(_ source: String, _ destination: String) -> Int32 {
    link(source, destination)
}
