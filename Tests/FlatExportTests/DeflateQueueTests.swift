import FlatExport
import Testing

/// The pool's rules, on plain values: `DeflateQueue<job, writer>`.
struct DeflateQueueTests {
    typealias Queue = DeflateQueue<String, String>

    @Test func jobsRunInTheOrderTheyWereSubmitted() {
        var queue = Queue(lanes: 1, capacity: 8)
        for job in ["a", "b", "c"] { _ = queue.submit(job) }
        #expect(queue.next(lane: 0)?.job == "a")
        #expect(queue.next(lane: 0)?.job == "b")
        #expect(queue.next(lane: 0)?.job == "c")
        #expect(queue.next(lane: 0) == nil)
    }

    @Test func eachJobStartsAnIdleLaneUntilAllRun() {
        var queue = Queue(lanes: 2, capacity: 8)
        #expect(queue.submit("a") == .queued(startLane: 0))
        #expect(queue.submit("b") == .queued(startLane: 1))
        #expect(queue.submit("c") == .queued(startLane: nil))
        #expect(queue.idleCount == 0)
    }

    @Test func aLaneThatFindsNoJobIsStartedAgainByTheNextSubmit() {
        var queue = Queue(lanes: 1, capacity: 8)
        #expect(queue.submit("a") == .queued(startLane: 0))
        #expect(queue.next(lane: 0)?.job == "a")
        #expect(queue.idleCount == 0, "a lane running its job is not idle")
        #expect(queue.next(lane: 0) == nil)
        #expect(queue.idleCount == 1)
        #expect(queue.submit("b") == .queued(startLane: 0))
    }

    @Test func aWriterWaitsWhenTheQueueIsFullAndGoesOnWhenALaneTakesAJob() {
        var queue = Queue(lanes: 1, capacity: 2)
        _ = queue.submit("a")
        _ = queue.submit("b")
        #expect(queue.submit("c") == .full)
        queue.wait("c", resuming: "writer 1")
        #expect(queue.waitingCount == 1)
        #expect(queue.queuedCount == 2, "a refused job is not queued")

        let taken = queue.next(lane: 0)
        #expect(taken?.job == "a")
        #expect(taken?.admitted == "writer 1", "the job taken makes room for the waiting writer's")
        #expect(queue.waitingCount == 0)
        #expect(queue.queuedCount == 2)
        #expect(queue.next(lane: 0)?.job == "b")
        #expect(queue.next(lane: 0)?.job == "c")
    }

    @Test func writersInLineAreAdmittedInTheirOrder() {
        var queue = Queue(lanes: 2, capacity: 1)
        _ = queue.submit("a")
        for n in 1...3 {
            #expect(queue.submit("w\(n)") == .full)
            queue.wait("w\(n)", resuming: "writer \(n)")
        }
        var admitted: [String] = []
        var ran: [String] = []
        while let next = queue.next(lane: 0) {
            ran.append(next.job)
            if let writer = next.admitted { admitted.append(writer) }
        }
        #expect(ran == ["a", "w1", "w2", "w3"])
        #expect(admitted == ["writer 1", "writer 2", "writer 3"])
    }

    @Test func theRingKeepsItsOrderAcrossGrowthAndWrapping() {
        var ring = Ring<Int>()
        var expected: [Int] = []
        var next = 0
        // Interleaved appends and removals wrap the ring's head around before it grows.
        for round in 0..<50 {
            for _ in 0..<(round % 7 + 1) {
                ring.append(next)
                expected.append(next)
                next += 1
            }
            for _ in 0..<(round % 5) {
                #expect(ring.removeFirst() == (expected.isEmpty ? nil : expected.removeFirst()))
            }
        }
        while let value = ring.removeFirst() { #expect(value == expected.removeFirst()) }
        #expect(expected.isEmpty)
        #expect(ring.isEmpty)
    }
}
