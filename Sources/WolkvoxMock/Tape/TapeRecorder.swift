import Foundation

/// Writes one recorded body beside its final name and renames it into place only when the
/// whole body was sent, so a client that went away mid-body never leaves a partial recording.
final class TapeRecorder {
    private let path: String
    private let partialPath: String
    private let handle: FileHandle

    /// - Throws: `MockServerError` naming the file when it cannot be created.
    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let hidden = "." + url.lastPathComponent + ".partial-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        partialPath = url.deletingLastPathComponent().appendingPathComponent(hidden).path
        guard FileManager.default.createFile(atPath: partialPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: partialPath)
        else {
            throw MockServerError(message: "cannot create the recording \(partialPath) (does the --record folder exist and is it writable?)")
        }
        self.handle = handle
    }

    func append(_ bytes: [UInt8]) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw MockServerError(message: "cannot write the recording \(partialPath): \(error)")
        }
    }

    /// Closes the file and gives it its final name (replacing an older recording of the query).
    func commit() throws {
        do {
            try handle.close()
            guard rename(partialPath, path) == 0 else {
                throw MockServerError(message: "cannot rename \(partialPath) to \(path): errno \(errno)")
            }
        } catch {
            discard()
            throw error
        }
    }

    func discard() {
        try? handle.close()
        unlink(partialPath)
    }

    /// Notes an empty window: a small file holding the 404 body the API sent.
    static func writeEmpty(path: String, body: String) {
        // Best effort: a missing note only makes a later replay answer 500, which is loud.
        _ = FileManager.default.createFile(atPath: path, contents: Data(body.utf8))
    }
}
