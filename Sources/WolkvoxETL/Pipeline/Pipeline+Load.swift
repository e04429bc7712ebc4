extension Pipeline {
    /// `load:` — where and how the rows land.
    package struct Load: Sendable, Hashable {
        /// The landing zone: data in `{root}/{report}/dt=YYYY-MM-DD/`.
        package var root: String
        /// One or both of NDJSON and CSV, in the order written in the file.
        package var formats: [Format]
        package var compression: Compression
        /// 1 ... 9.
        package var gzipLevel: Int
        /// A day's rows are split into `part-NNNNN` files of at most this many rows.
        package var maxRecordsPerFile: Int
        /// `load.s3`: how to reach the bucket when `root` is `s3://BUCKET/PREFIX`.
        package var s3: S3Settings?

        package init(
            root: String = "out", formats: [Format] = [.ndjson], compression: Compression = .gzip,
            gzipLevel: Int = 6, maxRecordsPerFile: Int = 1_000_000
        ) {
            self.root = root
            self.formats = formats
            self.compression = compression
            self.gzipLevel = gzipLevel
            self.maxRecordsPerFile = maxRecordsPerFile
        }
    }

    package enum Format: String, Sendable, Hashable, CaseIterable {
        case ndjson
        case csv
    }

    package enum Compression: String, Sendable, Hashable, CaseIterable {
        case gzip
        case none
    }
}
