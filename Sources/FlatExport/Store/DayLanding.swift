/// Where finished days land: a folder on a file system (`DayPartitionStore`) or an object store.
///
/// Days are always staged on local disk (`StagedDay`); `StagedDay.prepare` orders their files
/// and writes the manifest, and an implementation of this protocol makes the result the landed
/// day. One value lands one dataset (e.g. `cdr_1` or `_wolkvox/rejects/cdr_1`).
///
/// - Important: `publish` must leave readers the old day or the new day as the manifest names
///   them, never a partial file; a failed publish leaves the landed day readable.
package protocol DayLanding: Sendable {
    /// The landed day's manifest, or nil when the day has not landed.
    func landedManifest(partition: String) async throws -> DayManifest?
    /// Makes the prepared day the landed one, replacing any day there; takes the prepared
    /// folder (removes it once done).
    func publish(_ day: PreparedDay) async throws
    /// Removes a landed day; a missing day is not an error.
    /// - Returns: whether a day was there.
    @discardableResult
    func removeLandedDay(partition: String) async throws -> Bool
}

/// A day ready to land: its data files under their final names and its `_manifest.json`, in a
/// local folder.
package struct PreparedDay: Sendable {
    /// The day, e.g. `2025-01-05`.
    package var partition: String
    /// The local folder holding the files listed in `manifest` and the manifest itself.
    package var folder: String
    package var manifest: DayManifest
}

/// The file-system landing: its synchronous `landedManifest` and `removeLandedDay` meet the
/// protocol's requirements as they are.
extension DayPartitionStore: DayLanding {
    package func publish(_ day: PreparedDay) async throws {
        try swapIntoPlace(day)
    }

    /// Puts the prepared folder at `root/dataset/dt=DAY`, replacing any day there in one step
    /// where the system can, then removes the old day (which the exchange moved into staging).
    func swapIntoPlace(_ day: PreparedDay) throws {
        let landed = landedPath(partition: day.partition)
        let staged = day.folder
        let parent = datasetPath
        try FileSystem.makeDirectories(parent)
        if FileSystem.kind(landed) == .missing {
            try FileSystem.rename(staged, to: landed)
        } else if try FileSystem.exchange(staged, landed) {
            // The old day is now at `staged`.
        } else {
            let aside = staged + ".old"
            try FileSystem.rename(landed, to: aside)
            do {
                try FileSystem.rename(staged, to: landed)
            } catch {
                try? FileSystem.rename(aside, to: landed)
                throw error
            }
            try? FileSystem.removeTree(aside)
        }
        try FileSystem.syncDirectory(parent)
        // The day has landed; an old copy left behind is removed by the next `cleanStaging()`.
        try? FileSystem.removeTree(staged)
    }
}
