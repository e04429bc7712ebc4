import Testing
@testable import WolkvoxMock

/// The per-request fault decision, without sockets.
struct FaultPlanTests {
    static func plans(_ faults: MockFaults, count: Int = 20_000) -> [FaultPlan] {
        (1...count).map { FaultPlan(request: $0, faults: faults) }
    }

    @Test func defaultFaultsPlanNothing() {
        #expect(Self.plans(MockFaults(), count: 1_000).allSatisfy { $0 == .none })
    }

    @Test(arguments: [0.01, 0.05, 0.2])
    func ratesAreHonouredOverManyRequests(rate: Double) {
        var faults = MockFaults()
        faults.serverErrorRate = rate
        faults.slowRate = rate
        faults.dropMidBodyRate = rate
        let plans = Self.plans(faults)
        let expected = rate * Double(plans.count)
        for observed in [
            plans.filter { $0.refusal == .serverError }.count,
            plans.filter { $0.stall != nil }.count,
            plans.filter { $0.body == .drop }.count,
        ] {
            #expect(abs(Double(observed) - expected) < expected * 0.2 + 10)
        }
    }

    @Test func eitherPlacementUsesBoth() {
        var faults = MockFaults()
        faults.slowRate = 1
        let stalls = Set(Self.plans(faults, count: 100).compactMap(\.stall))
        #expect(stalls == [.beforeHead, .midBody])
    }

    @Test func refusalsWinInTheirOrder() {
        var faults = MockFaults()
        faults.maintenanceRate = 1
        faults.busyRate = 1
        faults.serverErrorRate = 1
        #expect(FaultPlan(request: 1, faults: faults).refusal == .maintenance)
        faults.maintenanceRate = 0
        #expect(FaultPlan(request: 1, faults: faults).refusal == .busy)
    }

    @Test func theSeedMovesTheFaults() {
        var faults = MockFaults()
        faults.garbledJSONRate = 0.5
        let first = Self.plans(faults, count: 200)
        #expect(Self.plans(faults, count: 200) == first)
        faults.seed = 2
        #expect(Self.plans(faults, count: 200) != first)
    }
}
