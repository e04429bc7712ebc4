import Testing
import WolkvoxAPI
import WolkvoxMock
@testable import WolkvoxETL

/// A bucket run lands whole days beside its next requests, so the machine hears that a day
/// landed (or could not be) several answers after it handed the day over. Nothing it asks or
/// lands may depend on hearing it at once.
struct DaysLandedLateTests {
    @Test(arguments: ModelAPI.Keeps.allCases)
    func daysThatFinishLandingLateLandEveryValuesRowsOnceAndAreNotAskedMeanwhile(keeps: ModelAPI.Keeps) {
        let cap = 500
        for seed in 0..<UInt64(10) {
            let first = Scenario.random(seed: seed, cap: cap)
            var second = Scenario.random(seed: seed &* 17 &+ 1, cap: cap)
            let shift = first.days[0].daysSinceEpoch - second.days[0].daysSinceEpoch
            second.rows = second.rows.map { $0 + shift * 86_400 }.filter { first.days.contains(LocalDateTime(naiveSeconds: $0).day) }
            var sim = LanedSimulation(
                apis: [ModelAPI(rows: first.rows, cap: cap, keeps: keeps, seed: seed),
                       ModelAPI(rows: second.rows, cap: cap, keeps: keeps, seed: seed &+ 1)],
                days: first.days)
            sim.landingLag = 3
            sim.run(order: seed)
            #expect(sim.inexactDays().isEmpty, "seed \(seed): \(sim.inexactDays())")
            #expect(sim.askedWhileLanding.isEmpty, "seed \(seed): asked for days being landed: \(sim.askedWhileLanding)")
            #expect(sim.machine.daysBeingLanded.isEmpty, "seed \(seed): every landing was heard of")
            let unlanded = Set(first.days.filter { sim.landed[$0] == nil })
            #expect(unlanded == sim.failed, "seed \(seed): every day lands or fails")
        }
    }

    @Test func aDayWhoseLandingFailsFailsForEveryValueWhileTheOthersLand() {
        let cap = 500
        let days = (0..<8).map { Scenario.firstDay.adding(days: $0) }
        var rng = SeededGenerator(seed: 5)
        let rows = (0..<2).map { _ in
            days.flatMap { Scenario.seconds(day: $0, hours: Scenario.profile(rows: 300, rng: &rng), rng: &rng) }.sorted()
        }
        var sim = LanedSimulation(
            apis: rows.enumerated().map { ModelAPI(rows: $0.element, cap: cap, keeps: .newest, seed: UInt64($0.offset)) }, days: days)
        sim.landingLag = 2
        sim.failingLandings = [days[3]]
        sim.run(order: 4)
        #expect(sim.failed == [days[3]])
        #expect(Set(sim.landed.keys) == Set(days).subtracting([days[3]]))
        #expect(sim.inexactDays().isEmpty)
        #expect(sim.machine.failedDays.map(\.1) == ["upload refused"])
        for machine in sim.machine.machines {
            #expect(machine.ledger.states[days[3]] == .failed("upload refused"), "lane \(machine.lane)")
            #expect(machine.ledger.states[days[4]] == .landed, "lane \(machine.lane)")
        }
    }
}
