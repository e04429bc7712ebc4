import Foundation
import Testing
import WolkvoxAPI
@testable import WolkvoxETL

/// The extraction machine played against a model of the API, with no HTTP: every row lands once
/// in its own day, no day lands incomplete, and calls stay near the lower bound, whatever the API
/// keeps of a window over the cap and in whatever order it sends rows.
struct ExtractionSimulatorTests {
    static let behaviours = ModelAPI.Keeps.allCases

    /// Scenarios per behaviour in `swift test`; WOLKVOX_SIM_SWEEP raises it for a longer sweep.
    static var scenarioCount: Int {
        ProcessInfo.processInfo.environment["WOLKVOX_SIM_SWEEP"].flatMap(Int.init) ?? 400
    }

    func play(_ scenario: Scenario, keeps: ModelAPI.Keeps, cap: Int, seed: UInt64, failureRate: Double = 0,
              executionLimit: Int? = nil, belief: CutBelief = .init(), density: DensityModel = .init()) -> Simulation {
        let api = ModelAPI(rows: scenario.rows, cap: cap, keeps: keeps, seed: seed, executionLimit: executionLimit,
                           failureRate: failureRate)
        var simulation = Simulation(api: api, days: scenario.days, belief: belief, density: density)
        simulation.debug = ProcessInfo.processInfo.environment["SIM_DEBUG"] == keeps.rawValue
        simulation.run(order: seed)
        return simulation
    }

    @Test(arguments: behaviours)
    func everyRowLandsOnceInItsDayAcrossSeededScenarios(keeps: ModelAPI.Keeps) {
        let cap = 500
        var calls = 0, bound = 0
        for seed in 0..<UInt64(Self.scenarioCount) {
            let scenario = Scenario.random(seed: seed, cap: cap)
            let sim = play(scenario, keeps: keeps, cap: cap, seed: seed)
            #expect(sim.inexactDays().isEmpty, "seed \(seed): days landed inexactly: \(sim.inexactDays())")
            let unlanded = scenario.days.filter { sim.landed[$0] == nil }
            #expect(Set(unlanded) == scenario.burstDays, "seed \(seed): not landed \(unlanded), bursts \(scenario.burstDays)")
            #expect(sim.failed == scenario.burstDays, "seed \(seed)")
            if scenario.burstDays.isEmpty {
                calls += sim.calls
                bound += sim.lowerBound
            }
        }
        // Over many small ranges (a lower bound of 1 to 5 calls each), learning how the API cuts
        // costs a call or so each time. An API that keeps an arbitrary subset costs more: a cold
        // range's first answer over the cap can only be a sample, and on a range worth two calls
        // that alone is 1.5x.
        let allowed = keeps == .arbitrary ? 2.0 : 1.6
        #expect(Double(calls) <= allowed * Double(bound), "\(keeps): \(calls) calls for a lower bound of \(bound)")
        print("simulator sweep \(keeps): \(calls) calls for a lower bound of \(bound) over \(Self.scenarioCount) scenarios")
    }

    @Test(arguments: behaviours)
    func faultsAndTimeLimitsFailOnlyTheirDaysAndLoseNothing(keeps: ModelAPI.Keeps) {
        let cap = 500
        for seed in 0..<UInt64(Self.scenarioCount / 4) {
            let scenario = Scenario.random(seed: 10_000 + seed, cap: cap)
            let sim = play(scenario, keeps: keeps, cap: cap, seed: seed, failureRate: 0.05, executionLimit: cap * 4)
            #expect(sim.inexactDays().isEmpty, "seed \(seed): \(sim.inexactDays())")
            let stranded = scenario.days.filter { sim.landed[$0] == nil && !sim.failed.contains($0) }
            #expect(stranded.isEmpty, "seed \(seed): neither landed nor failed: \(stranded)")
        }
    }

    @Test(arguments: behaviours)
    func theIssuesMonthColdAndWarmStaysNearTheLowerBound(keeps: ModelAPI.Keeps) {
        let scenario = Scenario.issueMonth()
        let cold = play(scenario, keeps: keeps, cap: 60_000, seed: 3)
        #expect(cold.inexactDays().isEmpty)
        #expect(cold.landed.count == 31)
        let bound = cold.lowerBound
        #expect(bound == 10)
        #expect(Double(cold.calls) <= 1.3 * Double(bound), "cold \(keeps): \(cold.calls) calls")
        let landedRows = cold.landed.values.reduce(0) { $0 + $1.count }
        #expect(Double(cold.received) <= 1.4 * Double(landedRows), "cold \(keeps): received \(cold.received)")

        // Warm: what the cold run left in the state.
        var state = PipelineState(pipeline: "sim", report: "cdr_1")
        for (day, hours) in cold.machine.hoursByDay {
            state.landed[day.description] = .init(rows: hours.reduce(0, +), rejects: 0, runID: "r", landedAt: "", contentDigest: "", hours: hours)
        }
        let warm = play(scenario, keeps: keeps, cap: 60_000, seed: 4, belief: cold.machine.belief, density: DensityModel(state: state))
        #expect(warm.inexactDays().isEmpty)
        #expect(warm.landed.count == 31)
        #expect(Double(warm.calls) <= 1.1 * Double(bound), "warm \(keeps): \(warm.calls) calls")
        print("simulator \(keeps): cold \(cold.calls) calls, received \(cold.received) / landed \(landedRows); warm \(warm.calls) calls; bound \(bound)")
    }
}

extension ExtractionSimulatorTests {
    /// SIM_SEED=N SIM_DEBUG=newest: one scenario of the sweep, with its requests printed.
    @Test func oneScenarioOfTheSweepForDebugging() {
        guard let text = ProcessInfo.processInfo.environment["SIM_SEED"], let seed = UInt64(text),
            let keeps = ProcessInfo.processInfo.environment["SIM_DEBUG"].flatMap(ModelAPI.Keeps.init(rawValue:))
        else { return }
        let scenario = seed == 999 ? Scenario.issueMonth(total: 273_365) : Scenario.random(seed: seed, cap: 500)
        let cap = seed == 999 ? 60_000 : 500
        let sim = play(scenario, keeps: keeps, cap: cap, seed: seed)
        print("days \(scenario.days.count) bursts \(scenario.burstDays) unlanded \(scenario.days.filter { sim.landed[$0] == nil }) failed \(sim.failed) calls \(sim.calls) inexact \(sim.inexactDays())")
    }
}
