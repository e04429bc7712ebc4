package import NIOCore

extension ResponseParser {
    /// Feeds the next chunk of the body as received from the network; see `consume(_:into:)`.
    package mutating func consume(_ chunk: ByteBuffer, into batch: inout RecordBatch) throws(WolkvoxResponseError) {
        var failure: WolkvoxResponseError?
        chunk.withUnsafeReadableBytes { bytes in
            do throws(WolkvoxResponseError) { try consume(bytes, into: &batch) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
