/// One report of the Wolkvox API, described as data: adding a report is adding one `ReportSpec`.
package struct ReportSpec: Sendable, Hashable {
    /// Which endpoint serves the report: `api/v2/ENDPOINT?api=...`.
    package enum Endpoint: String, Sendable, Hashable, CaseIterable, Codable {
        /// `api/v2/reports_manager.php`, with `date_ini` and `date_end`.
        case reportsManager = "reports_manager.php"
        /// `api/v2/real_time.php`, no dates: a snapshot of the last minutes.
        case realTime = "real_time.php"
        case information = "information.php"
        case customer = "customer.php"
        case billing = "billing.php"
        case campaign = "campaign.php"
        case speechAnalytics = "speech_analytics.php"
        case gamification = "gamification.php"
        case quality = "quality.php"

        /// `information` for `information.php`: the prefix of catalog names outside reports_manager.
        package var prefix: String { String(rawValue.dropLast(".php".count)) }
    }

    /// What places a record in its day partition.
    package enum DayOf: Sendable, Hashable {
        /// A timestamp field of the record (`date`, `date_creation`).
        case field(String)
        /// The day of the window that was asked for: the records carry no date,
        /// so windows for such a report never span two days.
        case windowDay
        /// A field holding a day without a time (`skill_3`'s `date`): the report is asked one
        /// day at a time, so the window's day is also the row's.
        case dateField(String)
        /// No date is asked: a snapshot lands in the run's day.
        case runDay
    }

    package struct Field: Sendable, Hashable {
        /// A field whose value is not a string: an array of objects or one object, each with
        /// its own fields.
        package enum Nesting: Sendable, Hashable {
            case array([Field])
            case object([Field])

            package var fields: [Field] {
                switch self {
                case .array(let fields), .object(let fields): fields
                }
            }

            package var isArray: Bool {
                if case .array = self { return true }
                return false
            }
        }

        /// The API's own spelling (`aht_outbund`, `destinity`), kept as it is.
        package var name: String
        package var type: FieldType
        package var summary: String
        /// Nested values stay nested in NDJSON and are one JSON text cell in CSV.
        package var nesting: Nesting?

        package init(_ name: String, _ type: FieldType, _ summary: String, nesting: Nesting? = nil) {
            self.name = name
            self.type = type
            self.summary = summary
            self.nesting = nesting
        }
    }

    /// The catalog name: the `api=` value on reports_manager.php, `ENDPOINT.API` elsewhere
    /// (`information.agents`); also the output folder.
    package var name: String
    /// The `api=` value.
    package var api: String
    package var title: String
    package var endpoint: Endpoint
    /// Fields in documented order, which is also the order of NDJSON keys and CSV columns.
    package var fields: [Field]
    package var dayOf: DayOf
    /// Fields that identify one record (used to deduplicate snapshots).
    package var key: [String]
    /// How rows relate to time: how the report is windowed and landed.
    package var kind: ReportKind
    /// Where the rows sit in the answer.
    package var envelope: ReportEnvelope
    /// Parameters beyond the window, from `source.params`.
    package var parameters: [ReportParameter]
    /// The group a user looks for it under (`Agents`, `Real time`, ...).
    package var area: String
    /// Whether the report takes `date_ini`/`date_end`.
    package var takesRange: Bool

    package init(
        name: String, title: String, endpoint: Endpoint, fields: [Field], dayOf: DayOf, key: [String],
        api: String? = nil, kind: ReportKind? = nil, envelope: ReportEnvelope = .list,
        parameters: [ReportParameter] = [], area: String = "", takesRange: Bool? = nil
    ) {
        self.name = name
        self.api = api ?? name
        self.title = title
        self.endpoint = endpoint
        self.fields = fields
        self.dayOf = dayOf
        self.key = key
        let range = takesRange ?? (endpoint == .reportsManager)
        self.takesRange = range
        self.kind = kind ?? Self.kind(dayOf: dayOf, takesRange: range)
        self.envelope = envelope
        self.parameters = parameters
        self.area = area
    }

    /// Whether one window may cover several days.
    package var windowsMaySpanDays: Bool {
        if case .field = dayOf { return true }
        return false
    }

    package func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// Parameters the API refuses to answer without.
    package var requiredParameters: [ReportParameter] { parameters.filter(\.required) }

    package func parameter(named name: String) -> ReportParameter? {
        parameters.first { $0.name == name }
    }

    private static func kind(dayOf: DayOf, takesRange: Bool) -> ReportKind {
        guard takesRange else { return .snapshot }
        switch dayOf {
        case .field: return .timestamped
        case .dateField: return .dated
        case .windowDay, .runDay: return .windowTotals
        }
    }
}
