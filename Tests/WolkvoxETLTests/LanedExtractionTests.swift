import Testing
import WolkvoxAPI
import WolkvoxMock
@testable import WolkvoxETL

/// A parameterised report asked for several values: each value (lane) is its own stream over the
/// same days, and a day lands only once every lane has all of it.
struct LanedExtractionTests {
    static let behaviours = ModelAPI.Keeps.allCases

    func apis(_ scenarios: [Scenario], keeps: ModelAPI.Keeps, cap: Int, seed: UInt64) -> [ModelAPI] {
        scenarios.enumerated().map { ModelAPI(rows: $0.element.rows, cap: cap, keeps: keeps, seed: seed &+ UInt64($0.offset)) }
    }

    /// Three values with rows of their own (one may hold the cap where the others hold little):
    /// every value's rows land once in their day, and a day lands only with all three.
    @Test(arguments: behaviours)
    func everyValuesRowsLandOnceInTheirDayAcrossSeededScenarios(keeps: ModelAPI.Keeps) {
        let cap = 500
        for seed in 0..<UInt64(20) {
            let first = Scenario.random(seed: seed, cap: cap)
            // The other values over the same days, with their own volumes.
            let others = (1...2).map { k in
                var scenario = Scenario.random(seed: seed &* 31 &+ UInt64(k), cap: cap)
                let shift = first.days[0].daysSinceEpoch - scenario.days[0].daysSinceEpoch
                scenario.rows = scenario.rows.map { $0 + shift * 86_400 }
                    .filter { first.days.contains(LocalDateTime(naiveSeconds: $0).day) }
                return scenario
            }
            let bursts = others.reduce(first.burstDays) { total, scenario in
                total.union(scenario.burstDays.map { $0.adding(days: first.days[0].daysSinceEpoch - scenario.days[0].daysSinceEpoch) })
            }
            var sim = LanedSimulation(apis: apis([first] + others, keeps: keeps, cap: cap, seed: seed), days: first.days)
            sim.run(order: seed)
            #expect(sim.inexactDays().isEmpty, "seed \(seed): \(sim.inexactDays())")
            #expect(sim.maxInFlight <= 2)
            let unlanded = Set(first.days.filter { sim.landed[$0] == nil })
            #expect(unlanded == sim.failed, "seed \(seed): every day lands or fails")
            #expect(unlanded.isSubset(of: bursts), "seed \(seed): only days no window can return whole fail: \(unlanded.subtracting(bursts))")
        }
    }

    /// A sparse value is asked in one call per span, however often a dense value over the same
    /// days is split on the cap: its windows are sized by its own answers.
    @Test func eachValueIsSplitOnTheCapByItsOwnRowsOnly() {
        let cap = 500
        let days = (0..<20).map { Scenario.firstDay.adding(days: $0) }
        var rng = SeededGenerator(seed: 3)
        let dense = days.flatMap { Scenario.seconds(day: $0, hours: Scenario.profile(rows: 3 * cap, rng: &rng), rng: &rng) }.sorted()
        let sparse = days.flatMap { Scenario.seconds(day: $0, hours: Scenario.profile(rows: 5, rng: &rng), rng: &rng) }.sorted()
        var sim = LanedSimulation(
            apis: [ModelAPI(rows: dense, cap: cap, keeps: .newest, seed: 1), ModelAPI(rows: sparse, cap: cap, keeps: .newest, seed: 2)],
            days: days)
        sim.run(order: 5)
        #expect(sim.inexactDays().isEmpty)
        #expect(sim.landed.count == 20)
        // 100 rows in 20 days: one call, or two when the free slot shares the span.
        #expect((sim.callsByLane[1] ?? 0) <= 2, "sparse value: \(sim.callsByLane[1] ?? 0) calls")
        #expect((sim.callsByLane[0] ?? 0) >= 30_000 / cap, "dense value: \(sim.callsByLane[0] ?? 0) calls")
    }

    @Test func aValueFailingOneDayFailsThatDayForEveryValueAndLandsTheOthers() {
        let cap = 500
        let days = (0..<6).map { Scenario.firstDay.adding(days: $0) }
        var rng = SeededGenerator(seed: 9)
        let rows = (0..<3).map { _ in
            days.flatMap { Scenario.seconds(day: $0, hours: Scenario.profile(rows: 200, rng: &rng), rng: &rng) }.sorted()
        }
        // As a report of totals per day (skill_1) asks: one day a window, so a failing window is
        // one day (a window over several days fails them all, lanes or not).
        var sim = LanedSimulation(apis: rows.enumerated().map { ModelAPI(rows: $0.element, cap: cap, keeps: .newest, seed: UInt64($0.offset)) },
                                  days: days, configuration: .init(cap: cap, windowsMaySpanDays: false))
        sim.failing[1] = [days[2]]
        sim.run(order: 2)
        #expect(sim.failed == [days[2]])
        #expect(sim.landed[days[2]] == nil)
        #expect(Set(sim.landed.keys) == Set(days).subtracting([days[2]]))
        #expect(sim.inexactDays().isEmpty)
        #expect(sim.machine.failedDays.first?.1.hasPrefix("skill_id=2: ") == true, "the reason names the value: \(sim.machine.failedDays)")
        for machine in sim.machine.machines {
            #expect(!machine.ledger.isAlive(days[2]), "lane \(machine.lane) no longer asks for the failed day")
        }
    }

    /// Interrupted part way, then resumed over the days it did not land (as `RangeRun` does from
    /// `in_progress.landed`): every value's rows land once, none twice.
    @Test(arguments: [3, 7, 12])
    func anInterruptedRunResumedLandsEveryValuesRowsOnce(stopAfter: Int) {
        let cap = 500
        let days = (0..<10).map { Scenario.firstDay.adding(days: $0) }
        var rng = SeededGenerator(seed: 11)
        let rows = (0..<3).map { k in
            days.flatMap { Scenario.seconds(day: $0, hours: Scenario.profile(rows: 150 * (k + 1), rng: &rng), rng: &rng) }.sorted()
        }
        let apis = rows.enumerated().map { ModelAPI(rows: $0.element, cap: cap, keeps: .oldest, seed: UInt64($0.offset)) }
        var first = LanedSimulation(apis: apis, days: days)
        first.run(order: 1, stopAfter: stopAfter)
        #expect(first.inexactDays().isEmpty)
        #expect(first.landed.count < days.count, "the interruption left days to do")
        let rest = days.filter { first.landed[$0] == nil }
        var second = LanedSimulation(apis: apis, days: rest)
        second.run(order: 2)
        #expect(second.inexactDays().isEmpty)
        #expect(Set(first.landed.keys).isDisjoint(with: second.landed.keys), "no day landed twice")
        #expect(first.landed.count + second.landed.count == days.count)
    }

    /// One lane is its machine: the same requests, in the same order, with the same segment names.
    @Test(arguments: behaviours)
    func oneLaneAsksExactlyWhatItsMachineAsks(keeps: ModelAPI.Keeps) {
        let cap = 500
        let scenario = Scenario.random(seed: 4, cap: cap)
        let api = ModelAPI(rows: scenario.rows, cap: cap, keeps: keeps, seed: 4)
        var plain = ExtractionMachine(spans: WindowPlanner.spans(for: scenario.days), days: scenario.days,
                                      configuration: .init(cap: cap), density: .init(), belief: .init())
        var laned = LanedExtraction(lanes: [ParameterLane(index: 0, parameters: [])], spans: WindowPlanner.spans(for: scenario.days),
                                    days: scenario.days, configuration: .init(cap: cap), density: .init(), belief: .init())
        var call = 0
        while call < 2_000 {
            let a = plain.next(slots: 1), b = laned.next(slots: 1)
            #expect(a.requests == b.requests)
            #expect(a.actions == b.actions)
            guard let request = a.requests.first else { break }
            call += 1
            switch api.answer(request.window, call: call) {
            case .failure(let failure):
                #expect(plain.receive(request.id, failure: failure) == laned.receive(request, failure: failure))
            case .rows(let rows, let heldCap):
                var seconds: [Int: Int] = [:]
                for row in rows { seconds[api.rows[row], default: 0] += 1 }
                let answer = WindowAnswer(rows: rows.count, heldCap: heldCap, seconds: seconds)
                let x = plain.receive(request.id, answer: answer), y = laned.receive(request, answer: answer)
                #expect(x == y)
                for case .land(let day, _) in x {
                    plain.landed(day)
                    laned.landed(day)
                }
            }
        }
        #expect(call > 0)
    }

    @Test func lanesAreTheProductOfTheValuesInTheReportsParameterOrder() throws {
        let detail = try #require(ReportCatalog.report(named: "campaign.detail"))
        let lanes = ParameterLane.lanes(
            report: detail, params: ["detail": ["x"], "campaign_id": ["1", "2"], "type_campaign": ["predictive", "preview"]])
        #expect(lanes.map(\.description) == [
            "type_campaign=predictive campaign_id=1 detail=x", "type_campaign=predictive campaign_id=2 detail=x",
            "type_campaign=preview campaign_id=1 detail=x", "type_campaign=preview campaign_id=2 detail=x",
        ])
        #expect(lanes.map(\.index) == [0, 1, 2, 3])
        let cdr1 = ParameterLane.lanes(report: ReportCatalog.cdr1, params: [:])
        #expect(cdr1 == [ParameterLane(index: 0, parameters: [])])
    }

    @Test func aSegmentNamesItsLaneExceptLaneZero() {
        let window = Window(days: Scenario.firstDay, through: Scenario.firstDay)
        #expect(ExtractionRequest(id: 3, window: window).segmentID(.middle) == "r3-main")
        #expect(ExtractionRequest(id: 3, window: window, lane: 2).segmentID(.middle) == "l2-r3-main")
    }
}
