import WolkvoxAPI

/// `MockCapKeeps.arbitrary`: which rows of an over-full window survive, by lot.
extension MockDataset {
    /// The `keep` rows of the window whose hash of (seed, report, bucket, rank) is lowest, newest
    /// first.
    ///
    /// A row's hash does not depend on the window, so a row kept by a window is kept by every
    /// narrower window that still holds more than `keep` rows: arbitrary, not adversarial.
    /// Two walks over the window's offsets: the first holds one 8-byte key per row (about 5 MB
    /// for a 31-day month), the second the kept rows; no record is built.
    /// - Parameter total: the window's rows (`count`), more than `keep`.
    func arbitraryRows(_ report: String, in window: Window, total: Int, keep: Int, seed: UInt64) -> [RowRef] {
        precondition(keep > 0 && keep < total, "an arbitrary cut keeps some rows and drops some")
        let tag = SeededGenerator.tag(report)
        func key(_ row: RowRef) -> UInt64 {
            SeededGenerator.mix(seed, tag, 0x5E1E_C7, UInt64(bitPattern: Int64(row.bucket)), UInt64(row.rank))
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(total)
        var cursor = RecordCursor(dataset: self, report: report, window: window)
        while let row = cursor.nextRow() { keys.append(key(row)) }
        keys.sort()
        let threshold = keys[keep - 1]
        // 64-bit keys all but never tie; when they do, the newest of the tied rows are kept.
        var ties = keep - (keys.partitioningIndex { $0 >= threshold })
        keys = []

        var rows: [RowRef] = []
        rows.reserveCapacity(keep)
        cursor = RecordCursor(dataset: self, report: report, window: window)
        while let row = cursor.nextRow() {
            let k = key(row)
            if k < threshold {
                rows.append(row)
            } else if k == threshold && ties > 0 {
                ties -= 1
                rows.append(row)
            }
        }
        return rows
    }
}

extension Array where Element == UInt64 {
    /// The first index whose element satisfies `belongs`, in an array where those elements come
    /// last (binary search).
    fileprivate func partitioningIndex(where belongs: (UInt64) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
