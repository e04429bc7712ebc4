import WolkvoxAPI

/// Every catalog report beyond the five with their own generators: totals, dated and hourly
/// rows computed from per-hour activity, and snapshots; timestamped reports go through the hour
/// buckets like `cdr_1` (see `RecordFactory.make`).
extension MockDataset {
    /// The rows of a report that is computed rather than streamed from the hour buckets, or nil
    /// for a streamed one (the five, and timestamped catalog reports).
    ///
    /// Totals add up per-hour contributions of the hours that start inside the window, so the
    /// figures of consecutive windows add up exactly to those of the window covering them.
    func computedRecords(report: ReportSpec, in window: Window) -> [RawRecord]? {
        guard !isHandWritten(report.name) else { return nil }
        switch report.kind {
        case .timestamped: return nil
        case .snapshot: return snapshotRecords(report, at: window.end)
        case .windowTotals, .dated, .datedHourly, .undatedHourly: return totals(report, in: window)
        }
    }

    func isHandWritten(_ name: String) -> Bool {
        ReportCatalog.handWritten.contains { $0.name == name }
    }

    /// A catalog report served from the hour buckets (timestamped, not one of the five).
    static func streamedCatalogReport(_ name: String) -> ReportSpec? {
        guard let spec = ReportCatalog.report(named: name), spec.kind == .timestamped,
            !ReportCatalog.handWritten.contains(where: { $0.name == name })
        else { return nil }
        return spec
    }

    /// Rows a weekday holds for a timestamped catalog report: detail reports of calls and
    /// events are large, the rest modest.
    static func catalogWeekdayVolume(_ name: String) -> ClosedRange<Int> {
        switch name {
        case "cdr_5", "agent_2", "agent_14", "customer.agents_detail", "customer.skills_detail": 1_000...3_000
        case "chat_1", "act_3", "skill_2", "skill_10", "agent_10", "speech_1", "diagram_1", "diagram_4": 300...900
        default: 40...200
        }
    }

    // MARK: snapshots

    /// What the API holds at `now`: a few to a few dozen rows, the same for the same minute.
    func snapshotRecords(_ report: ReportSpec, at now: LocalDateTime) -> [RawRecord] {
        let minute = Self.floorDiv(now.naiveSeconds, 60)
        guard !isEmptyDay(now.day) else { return [] }
        var rng = SeededGenerator(seed: SeededGenerator.mix(seed, SeededGenerator.tag(report.name), 0x5A, UInt64(bitPattern: Int64(minute))))
        let rows = report.envelope == .list || report.envelope == .records ? rng.inRange(3...40) : 1
        return (0..<rows).map { _ in
            RawRecord(fields: report.fields.map { .init(name: $0.name, value: CatalogValues.value($0, at: now, &rng)) })
        }
    }

    // MARK: totals

    /// The rows of a totals report over `window`: per dimension (agent, skill, result ...), and
    /// per day and/or hour as the kind says.
    func totals(_ report: ReportSpec, in window: Window) -> [RawRecord] {
        let tag = SeededGenerator.tag(report.name)
        let dimensions = dimensionCount(report)
        let measures = report.fields.filter { $0.nesting == nil && $0.type != .string && $0.type != .timestamp }
        struct Group: Hashable { var day: LocalDay?; var hour: Int?; var dimension: Int }
        var sums: [Group: [Int]] = [:]
        var order: [Group] = []
        // Two numbers per measure: the value, and the denominator of a share.
        forEachBucket(in: window) { bucket, first, _ in
            guard first == 0 else { return }  // an hour counts in the window its start lies in
            let day = LocalDay(daysSinceEpoch: Self.floorDiv(bucket, 24))
            let hour = bucket - Self.floorDiv(bucket, 24) * 24
            guard !isEmptyDay(day) else { return }
            for dimension in 0..<dimensions {
                var rng = SeededGenerator(seed: SeededGenerator.mix(seed, tag, 0x70, UInt64(bitPattern: Int64(bucket)), UInt64(dimension)))
                let activity = Int((Double(rng.inRange(0...40)) * Self.hourWeights[hour] * 24 * configuration.volumeScale).rounded())
                let group: Group =
                    switch report.kind {
                    case .dated: Group(day: day, hour: nil, dimension: dimension)
                    case .datedHourly: Group(day: day, hour: hour, dimension: dimension)
                    case .undatedHourly: Group(day: nil, hour: hour, dimension: dimension)
                    default: Group(day: nil, hour: nil, dimension: dimension)
                    }
                if sums[group] == nil {
                    // agent_8 answers every hour of an agent's day, zeros included.
                    guard activity > 0 || report.kind == .datedHourly else { continue }
                    sums[group] = [Int](repeating: 0, count: measures.count * 2)
                    order.append(group)
                }
                for (i, measure) in measures.enumerated() {
                    let (value, base) = Self.contribution(measure.type, activity: activity, &rng)
                    sums[group]![2 * i] += value
                    sums[group]![2 * i + 1] += base
                }
            }
        }
        let dayField: String? =
            switch report.dayOf {
            case .dateField(let name): name
            default: nil
            }
        return order.reversed().map { group in
            var rng = SeededGenerator(seed: SeededGenerator.mix(seed, tag, 0x71, UInt64(group.dimension)))
            var detail = SeededGenerator(seed: SeededGenerator.mix(seed, tag, 0x72, UInt64(group.dimension), UInt64(bitPattern: Int64(window.end.naiveSeconds))))
            let sum = sums[group] ?? []
            let time = window.end
            return RawRecord(fields: report.fields.map { field in
                if let index = measures.firstIndex(where: { $0.name == field.name }) {
                    return .init(name: field.name, value: Self.render(field.type, sum[2 * index], sum[2 * index + 1]))
                }
                if field.name == dayField, let day = group.day { return .init(name: field.name, value: day.description) }
                if field.name == "hour", let hour = group.hour { return .init(name: field.name, value: CatalogValues.two(hour)) }
                // Dimensions keep their values from call to call; nested details vary.
                if field.nesting != nil { return .init(name: field.name, value: CatalogValues.value(field, at: time, &detail)) }
                return .init(name: field.name, value: CatalogValues.value(field, at: time, &rng))
            })
        }
    }

    /// Agents, skills, results ... a report groups by: the same for every window.
    func dimensionCount(_ report: ReportSpec) -> Int {
        var rng = SeededGenerator(seed: SeededGenerator.mix(seed, SeededGenerator.tag(report.name), 0x6F))
        return report.kind == .datedHourly ? rng.inRange(2...6) : rng.inRange(2...12)
    }

    /// One hour's share of a measure: (value, denominator). Durations in seconds, decimals in
    /// hundredths, shares as a numerator over the hour's activity.
    static func contribution(_ type: FieldType, activity: Int, _ rng: inout SeededGenerator) -> (Int, Int) {
        guard activity > 0 else { return (0, 0) }
        switch type {
        case .int: return (rng.inRange(0...activity), 0)
        case .duration: return (activity * rng.inRange(20...300), 0)
        case .decimal: return (activity * rng.inRange(0...250), 0)
        case .percent: return (rng.inRange(0...activity), activity)
        case .string, .timestamp: return (0, 0)
        }
    }

    static func render(_ type: FieldType, _ value: Int, _ base: Int) -> String {
        switch type {
        case .duration: CatalogValues.clock(value)
        case .decimal: String(value / 100) + "." + CatalogValues.two(value % 100)
        case .percent: CatalogValues.percent(numerator: value, denominator: base)
        default: String(value)
        }
    }
}
