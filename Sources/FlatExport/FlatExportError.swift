#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error while writing or landing files, with the path it concerns and what to do about it.
///
/// Printed as `code: message (cause)`, in the manner of SwiftNIO's `FileSystemError`.
package struct FlatExportError: Error, CustomStringConvertible {
    /// The kind of failure, stable for programs to match on.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// The file system is full (ENOSPC, EDQUOT).
        package static let diskFull = Code("diskFull")
        /// Not allowed (EACCES, EPERM, EROFS).
        package static let permissionDenied = Code("permissionDenied")
        /// The device or network file system failed (EIO).
        package static let ioError = Code("ioError")
        /// A component of the path is a regular file (ENOTDIR).
        package static let notADirectory = Code("notADirectory")
        /// The path does not exist (ENOENT).
        package static let notFound = Code("notFound")
        /// The path already exists where a new one was needed (EEXIST, ENOTEMPTY).
        package static let alreadyExists = Code("alreadyExists")
        /// Staging and landing are on different file systems, so a rename cannot land a day (EXDEV).
        package static let crossDevice = Code("crossDevice")
        /// A configuration value or argument is not usable.
        package static let invalidArgument = Code("invalidArgument")
        /// An operation came in the wrong order (e.g. appending to a finished segment).
        package static let invalidState = Code("invalidState")
        /// A `_manifest.json` could not be read or decoded.
        package static let corruptManifest = Code("corruptManifest")
        /// zlib failed.
        package static let compressionFailed = Code("compressionFailed")
        /// Any other system error; `errno` says which.
        package static let systemError = Code("systemError")
    }

    /// The kind of failure.
    package var code: Code
    /// What went wrong and what to do, naming the path.
    package var message: String
    /// The file or folder concerned, when there is one.
    package var path: String?
    /// The system's `errno`, when a system call failed.
    package var errno: Int32?
    /// The underlying error, when another library failed.
    package var cause: (any Error)?
    /// Where in FlatExport the error was raised (`file:line`), for bug reports.
    package var location: String

    package init(
        code: Code,
        message: String,
        path: String? = nil,
        errno: Int32? = nil,
        cause: (any Error)? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.errno = errno
        self.cause = cause
        self.location = "\(file):\(line)"
    }

    package var description: String {
        var causes: [String] = []
        if let errno { causes.append("errno \(errno): \(Self.systemMessage(errno))") }
        if let cause { causes.append(String(describing: cause)) }
        return causes.isEmpty ? "\(code): \(message)" : "\(code): \(message) (\(causes.joined(separator: "; ")))"
    }

    static func systemMessage(_ number: Int32) -> String {
        guard let text = strerror(number) else { return "unknown error" }
        return String(cString: text)
    }
}

extension FlatExportError {
    /// Maps a failed system call to an error whose message says what to do.
    /// - Parameters:
    ///   - operation: what was being done, phrased to follow "while", e.g. "writing".
    static func system(
        _ number: Int32,
        _ operation: String,
        path: String,
        file: String = #fileID,
        line: Int = #line
    ) -> FlatExportError {
        let (code, message): (Code, String)
        switch number {
        case ENOSPC, EDQUOT:
            code = .diskFull
            message = "disk full while \(operation) \(path); free space on that file system and run again"
        case EACCES, EPERM:
            code = .permissionDenied
            message = "permission denied while \(operation) \(path); check the folder's owner and mode"
        case EROFS:
            code = .permissionDenied
            message = "read-only file system while \(operation) \(path); choose a writable location"
        case EIO:
            code = .ioError
            message = "I/O error while \(operation) \(path); the disk or network file system failed"
        case ENOTDIR:
            code = .notADirectory
            message = "not a directory while \(operation) \(path): a component of the path is a regular file"
        case ENOENT:
            code = .notFound
            message = "no such file or directory while \(operation) \(path)"
        case EEXIST, ENOTEMPTY:
            code = .alreadyExists
            message = "already exists while \(operation) \(path)"
        case EXDEV:
            code = .crossDevice
            message = "cannot rename across file systems while \(operation) \(path); "
                + "keep the staging folder on the same file system as the landing root"
        default:
            code = .systemError
            message = "system error while \(operation) \(path)"
        }
        return FlatExportError(code: code, message: message, path: path, errno: number, file: file, line: line)
    }
}
