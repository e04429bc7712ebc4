extension Pipeline {
    /// `load:` — where and how the rows land.
    public struct Load: Sendable, Hashable {
        /// The landing zone: data in `{root}/{report}/dt=YYYY-MM-DD/`.
        public var root: String
        /// One or both of NDJSON and CSV, in the order written in the file.
        public var formats: [Format]
        public var compression: Compression
        /// 1 ... 9.
        public var gzipLevel: Int
        /// A day's rows are split into `part-NNNNN` files of at most this many rows.
        public var maxRecordsPerFile: Int
        /// `load.s3`: how to reach the bucket when `root` is `s3://BUCKET/PREFIX`.
        public var s3: S3Settings?

        public init(
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

    public enum Format: String, Sendable, Hashable, CaseIterable {
        case ndjson
        case csv
    }

    public enum Compression: String, Sendable, Hashable, CaseIterable {
        case gzip
        case none
    }
}
