/// A first-in first-out queue on an array that reuses its slots.
package struct Ring<Element> {
    private var slots: [Element?] = []
    private var head = 0
    package private(set) var count = 0

    package init() {}

    package var isEmpty: Bool { count == 0 }

    package mutating func append(_ element: Element) {
        if count == slots.count {
            // Grow, unrolling the ring so its order is the array's.
            slots = Array(slots[head...] + slots[..<head]) + Array(repeating: nil, count: max(4, slots.count))
            head = 0
        }
        slots[(head + count) % slots.count] = element
        count += 1
    }

    package mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = slots[head].take()
        head = (head + 1) % slots.count
        count -= 1
        return element
    }
}

extension Ring: Sendable where Element: Sendable {}
