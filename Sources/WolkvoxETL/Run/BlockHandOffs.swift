import FlatExport

/// A writer that stages rows without suspending and owes the deflate pool a hand-off of the
/// blocks they filled.
protocol HandsOffBlocks: AnyObject {
    /// Whether `handOff()` has work (a writer may forget what it found clean while answering).
    func hasBlocksToHandOff() -> Bool
    /// Sends the staged blocks to the deflate pool; suspends while it is full.
    func handOff() async throws
}

extension SegmentWriter: HandsOffBlocks {
    func hasBlocksToHandOff() -> Bool { hasReadyBlocks }
}

/// The writers written since the last hand-off: a record's rows go to one or two of them, so
/// after each record only those are asked whether they filled a block.
struct BlockHandOffs<Writer: HandsOffBlocks> {
    private var writers: [Writer] = []

    /// Whether no writer is noted.
    var isEmpty: Bool { writers.isEmpty }

    /// Notes a writer that was written to (once however often).
    mutating func note(_ writer: Writer) {
        if !writers.contains(where: { $0 === writer }) { writers.append(writer) }
    }

    /// Whether a noted writer holds blocks for the pool; when none does, forgets them all. Every
    /// writer is asked, so each may forget its own clean ones.
    mutating func pending() -> Bool {
        var any = false
        for writer in writers where writer.hasBlocksToHandOff() { any = true }
        if !any { writers.removeAll(keepingCapacity: true) }
        return any
    }

    /// Hands off every noted writer's blocks and forgets them.
    mutating func handOff() async throws {
        let noted = writers
        writers.removeAll(keepingCapacity: true)
        for writer in noted { try await writer.handOff() }
    }

    mutating func removeAll() { writers = [] }
}
