/// A growable byte buffer for the row encoders: appends are a bounds check and a copy, without
/// `Array`'s uniqueness checks per call. Its owner frees it (`release()`).
package struct ByteBuilder {
    package private(set) var base: UnsafeMutablePointer<UInt8>
    package private(set) var count = 0
    package private(set) var capacity: Int

    package init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    package func release() { base.deallocate() }

    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    package mutating func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes.
    @inline(__always) package mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Shrinks back to `limit` when one unusually large row grew it past that.
    package mutating func trim(to limit: Int) {
        guard capacity > limit, count <= limit else { return }
        let smaller = UnsafeMutablePointer<UInt8>.allocate(capacity: limit)
        smaller.update(from: base, count: count)
        base.deallocate()
        base = smaller
        capacity = limit
    }

    @inline(__always) package mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends without a bounds check: the caller reserved the room.
    @inline(__always) package mutating func appendReserved(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always) package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always) package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }
}

/// Eight-bytes-at-a-time searches (SWAR): most text needs no escaping or quoting, and checking
/// a word at a time skips it several times faster than a byte loop.
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each byte of `word` equal to `byte` (exact for the first such byte).
    @inline(__always) static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// High bit set in each byte of `word` below `limit` (at most 0x80; exact for the first).
    @inline(__always) static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    @inline(__always) static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Index of the first byte in `bytes[from...]` that JSON must escape (`"`, `\`, below 0x20), or `count`.
    @inline(__always) static func firstJSONSpecial(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var i = start
        while i + 8 <= count {
            let w = load(bytes + i)
            let hit = equal(w, 0x22) | equal(w, 0x5C) | below(w, 0x20)
            if hit != 0 { return i + hit.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return i }
            i += 1
        }
        return count
    }
}
