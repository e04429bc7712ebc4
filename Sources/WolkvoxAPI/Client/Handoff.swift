/// A one-slot hand-over between the task that reads the network and the task that consumes
/// records: `send` suspends until the consumer has taken the previous item, so a slow consumer
/// slows the socket read (backpressure) and at most one item waits.
actor Handoff<Item: Sendable> {
    private var slot: Item?
    private var failure: (any Error)?
    private var consumer: CheckedContinuation<Item, any Error>?
    private var producer: CheckedContinuation<Void, any Error>?

    /// Hands `item` over; returns once the consumer has it or it waits in the slot alone.
    func send(_ item: Item) async throws {
        if let failure { throw failure }
        if let consumer {
            self.consumer = nil
            consumer.resume(returning: item)
            return
        }
        slot = item
        try await withCheckedThrowingContinuation { producer = $0 }
    }

    /// The next item; throws once the hand-over has failed.
    func next() async throws -> Item {
        if let failure { throw failure }
        if let item = slot {
            slot = nil
            producer?.resume()
            producer = nil
            return item
        }
        return try await withCheckedThrowingContinuation { consumer = $0 }
    }

    /// Ends the hand-over with `error` for both sides; the first failure wins.
    func fail(_ error: any Error) {
        guard failure == nil else { return }
        failure = error
        slot = nil
        consumer?.resume(throwing: error)
        consumer = nil
        producer?.resume(throwing: error)
        producer = nil
    }
}
