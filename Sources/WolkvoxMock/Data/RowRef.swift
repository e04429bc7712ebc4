import WolkvoxAPI

/// One row of a dated report, named without building it: a cut or a shuffle can hold the rows
/// it keeps (12 bytes each, at most the cap) and build only those it sends.
struct RowRef: Hashable {
    /// Naive seconds / 3600.
    var bucket: Int32
    /// Row `rank` of the bucket, newest first (see `MockDataset.offsets`).
    var rank: Int32
    /// Second of the hour.
    var offset: Int16

    init(bucket: Int, rank: Int, offset: Int16) {
        self.bucket = Int32(truncatingIfNeeded: bucket)
        self.rank = Int32(truncatingIfNeeded: rank)
        self.offset = offset
    }
}

extension MockDataset {
    /// The record of a row; its content depends only on (seed, report, bucket, rank).
    func record(_ report: String, _ row: RowRef) -> RawRecord {
        let bucket = Int(row.bucket)
        let time = LocalDateTime(naiveSeconds: bucket * 3600 + Int(row.offset))
        var rng = rowGenerator(report, bucket: bucket, rank: Int(row.rank))
        return RecordFactory.make(report, at: time, rng: &rng, configuration: configuration)
    }
}
