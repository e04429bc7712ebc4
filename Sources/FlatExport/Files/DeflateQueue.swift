/// The deflate pool's decisions, apart from its threads and continuations: which job a lane runs
/// next, when a lane starts or goes idle, and when a writer must wait for room.
///
/// A value without I/O, so the rules are tested alone: jobs run in the order they were submitted;
/// at most `capacity` wait for a lane; a writer that finds them all taken (or another writer
/// already waiting) waits in line with its job, and each job a lane takes lets the first writer
/// in line put its job in the queue and go on. Waiting is never unbounded: each writer waits with
/// at most one job, so the line is no longer than the number of writers.
package struct DeflateQueue<Job, Waiter> {
    /// A job taken by a lane, and the writer whose job took its place in the queue, to resume.
    package struct Next {
        package var job: Job
        package var admitted: Waiter?
    }

    /// Jobs waiting for a lane before a writer waits to submit more.
    package let capacity: Int
    private var queued: Ring<Job>
    private var line: Ring<(job: Job, waiter: Waiter)>
    /// Lanes not running, the lowest number last so it is the first to start.
    private var idleLanes: [Int]

    package init(lanes: Int, capacity: Int) {
        precondition(lanes > 0 && capacity > 0, "a pool needs a lane and room for a job")
        self.capacity = capacity
        queued = Ring()
        line = Ring()
        idleLanes = Array((0..<lanes).reversed())
    }

    /// Jobs waiting for a lane.
    package var queuedCount: Int { queued.count }
    /// Writers waiting for room.
    package var waitingCount: Int { line.count }
    /// Lanes not running.
    package var idleCount: Int { idleLanes.count }

    package enum Submission: Equatable, Sendable {
        /// The job is queued; `startLane`, when not nil, was idle and must be started.
        case queued(startLane: Int?)
        /// No room: the job was not taken; the writer waits in line with it (`wait`).
        case full
    }

    /// Queues `job` if there is room and nobody is waiting before it.
    package mutating func submit(_ job: Job) -> Submission {
        guard queued.count < capacity, line.isEmpty else { return .full }
        queued.append(job)
        return .queued(startLane: idleLanes.popLast())
    }

    /// Puts a writer in line with its job, after `submit` found no room.
    package mutating func wait(_ job: Job, resuming waiter: Waiter) {
        line.append((job, waiter))
    }

    /// The next job for `lane`, or nil when there is none: the lane is then idle until `submit`
    /// starts it again.
    package mutating func next(lane: Int) -> Next? {
        guard let job = queued.removeFirst() else {
            idleLanes.append(lane)
            return nil
        }
        guard let first = line.removeFirst() else { return Next(job: job, admitted: nil) }
        queued.append(first.job)
        return Next(job: job, admitted: first.waiter)
    }
}

extension DeflateQueue: Sendable where Job: Sendable, Waiter: Sendable {}
extension DeflateQueue.Next: Sendable where Job: Sendable, Waiter: Sendable {}
