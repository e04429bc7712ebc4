/// One report of the Wolkvox API, described as data: adding a report is adding one `ReportSpec`.
public struct ReportSpec: Sendable, Hashable {
    /// Which endpoint serves the report.
    public enum Endpoint: String, Sendable, Hashable {
        /// `api/v2/reports_manager.php`, with `date_ini` and `date_end`.
        case reportsManager = "reports_manager.php"
        /// `api/v2/real_time.php`, no dates: a snapshot of the last minutes.
        case realTime = "real_time.php"
    }

    /// What places a record in its day partition.
    public enum DayOf: Sendable, Hashable {
        /// A timestamp field of the record (`date`, `date_creation`).
        case field(String)
        /// The day of the window that was asked for: the records carry no date,
        /// so windows for such a report never span two days.
        case windowDay
    }

    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: FieldType
        public var summary: String

        public init(_ name: String, _ type: FieldType, _ summary: String) {
            self.name = name
            self.type = type
            self.summary = summary
        }
    }

    /// The `api=` value.
    public var name: String
    public var title: String
    public var endpoint: Endpoint
    /// Fields in documented order, which is also the order of NDJSON keys and CSV columns.
    public var fields: [Field]
    public var dayOf: DayOf
    /// Fields that identify one record (used to deduplicate snapshots).
    public var key: [String]

    public init(
        name: String, title: String, endpoint: Endpoint, fields: [Field], dayOf: DayOf, key: [String]
    ) {
        self.name = name
        self.title = title
        self.endpoint = endpoint
        self.fields = fields
        self.dayOf = dayOf
        self.key = key
    }

    /// Whether the report takes `date_ini`/`date_end`.
    public var takesRange: Bool { endpoint == .reportsManager }

    /// Whether one window may cover several days.
    public var windowsMaySpanDays: Bool {
        if case .windowDay = dayOf { return false }
        return true
    }

    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }
}
