package import NIOCore

extension ResponseParser {
    /// Feeds the next chunk of the body as received from the network; see `consume(_:emit:)`.
    package mutating func consume(_ chunk: ByteBuffer, emit: (RawRecord) throws -> Void) throws {
        try chunk.withUnsafeReadableBytes { try consume($0, emit: emit) }
    }
}
