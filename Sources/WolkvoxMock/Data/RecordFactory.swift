import WolkvoxAPI

/// Builds one record of a report from its row generator and timestamp. Every value is a string,
/// as the API sends it; field order is the API's (for `diagram_13` its sample puts `attempt`
/// before `telephone`, unlike the documented table, and so does the mock).
enum RecordFactory {
    static func fieldOrder(_ report: String) -> [String]? { fieldOrders[report] ?? catalogReports[report]?.fields.map(\.name) }

    static func isCatalogReport(_ report: String) -> Bool { catalogReports[report] != nil }

    /// Timestamped catalog reports beyond the five, generated field by field from their types.
    private static let catalogReports: [String: ReportSpec] = Dictionary(
        uniqueKeysWithValues: ReportCatalog.all.compactMap { spec in
            MockDataset.streamedCatalogReport(spec.name).map { (spec.name, $0) }
        })

    private static let fieldOrders: [String: [String]] = {
        var orders: [String: [String]] = [:]
        for report in [ReportCatalog.cdr1, ReportCatalog.cdr6, ReportCatalog.chat4, ReportCatalog.callsLast10] {
            orders[report.name] = report.fields.map(\.name)
        }
        orders[ReportCatalog.diagram13.name] = [
            "rp_id", "conn_id", "customer_id", "channel", "attempt", "telephone", "date", "second_event", "cod_opc_menu",
        ]
        return orders
    }()

    static func make(
        _ report: String, at time: LocalDateTime, rng: inout SeededGenerator, configuration: MockDatasetConfiguration
    ) -> RawRecord {
        var values: [String]
        switch report {
        case "cdr_1": values = callDetail(time, &rng, configuration)
        case "chat_4": values = chat(time, &rng, configuration)
        case "diagram_13": values = menuOption(time, &rng, configuration)
        case "calls_last_10": values = recentCall(time, &rng)
        default: values = catalogReports[report].map { catalogRow($0, time, &rng) } ?? []
        }
        let names = fieldOrder(report) ?? []
        return RawRecord(fields: zip(names, values).map { RawRecord.Field(name: $0, value: $1) })
    }

    /// cdr_1, in catalog order.
    static func callDetail(_ time: LocalDateTime, _ rng: inout SeededGenerator, _ c: MockDatasetConfiguration) -> [String] {
        let type = rng.pick(weighted: ValuePools.typeInteractions)
        let automatic = type == "ivr-out" || rng.chance(0.04)
        let agent = automatic ? (rng.chance(0.5) ? "" : " ") : rng.pick(ValuePools.agentNames)
        let agentID = automatic ? "" : "0" + String(rng.inRange(10...999))
        let seconds = rng.below(5) == 0 ? rng.below(30) : rng.inRange(30...1_800) + (rng.chance(0.01) ? 3_600 : 0)
        var cost = Self.cost(&rng)
        var timeSeg = String(seconds)
        var timeMin = String((seconds + 59) / 60)
        let (code, description) = automatic ? ("", "") : rng.pick(weighted: ValuePools.activityCodes)
        let (code2, description2) = rng.chance(0.7) ? ("", "") : rng.pick(weighted: ValuePools.activityCodes)
        let skill = rng.pick(ValuePools.skills)
        let campaign = type.hasPrefix("out") ? String(rng.inRange(1...40)) : (rng.chance(0.5) ? "" : " ")
        if rng.chance(c.invalidValueRate) {
            switch rng.below(3) {
            case 0: cost = "N/A"
            case 1: timeSeg = "1:2:x"
            default: timeMin = "abc"
            }
        }
        return [
            agent, time.description, rng.pick(ValuePools.destinies), ValuePools.telephone(&rng), cost, timeSeg, timeMin,
            code, description, code2, description2, type, ValuePools.customerID(&rng), rng.pick(ValuePools.hangUps),
            campaign, rng.digits(12), skill.0, skill.1, agentID, rng.pick(ValuePools.comments),
        ]
    }

    /// A timestamped catalog report's row: its day field holds the row's time, the rest
    /// follows each field's type.
    static func catalogRow(_ spec: ReportSpec, _ time: LocalDateTime, _ rng: inout SeededGenerator) -> [String] {
        let dayField: String? = if case .field(let name) = spec.dayOf { name } else { nil }
        return spec.fields.map { field in
            field.name == dayField ? time.description : CatalogValues.value(field, at: time, &rng)
        }
    }

    /// Costs as the API writes them: "0.0150", "125", "1250.50", "0".
    static func cost(_ rng: inout SeededGenerator) -> String {
        switch rng.below(4) {
        case 0: return "0." + rng.digits(4)
        case 1: return String(rng.inRange(1...999))
        case 2: return String(rng.inRange(1...9_999)) + "." + rng.digits(2)
        default: return "0"
        }
    }

    /// diagram_13, in the API sample's order (see `fieldOrder`).
    static func menuOption(_ time: LocalDateTime, _ rng: inout SeededGenerator, _ c: MockDatasetConfiguration) -> [String] {
        var attempt = String(rng.inRange(1...3))
        var second = String(rng.below(300))
        if rng.chance(c.invalidValueRate) {
            if rng.chance(0.5) { attempt = "N/A" } else { second = "x1" }
        }
        return [
            rng.pick(["1001", "1002", "0007", "2040"]), rng.digits(12), ValuePools.customerID(&rng),
            rng.pick(ValuePools.ivrChannels), attempt, ValuePools.telephone(&rng), time.description, second,
            rng.pick(ValuePools.menuOptions),
        ]
    }

    /// calls_last_10, in catalog order.
    static func recentCall(_ time: LocalDateTime, _ rng: inout SeededGenerator) -> [String] {
        [
            rng.pick(weighted: ValuePools.typeInteractions), rng.pick(weighted: ValuePools.callResults), time.description,
            ValuePools.telephone(&rng), ValuePools.customerID(&rng), rng.digits(12),
        ]
    }
}
