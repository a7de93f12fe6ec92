import BatonCore
import Foundation

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Rows left out, with reasons (from the file's checks and from the store's).
    public var rejected: [RowProblem] = []
    /// Rows imported with something worth saying.
    public var warnings: [RowProblem] = []
}

/// A lead as `leads list` shows it.
public struct LeadSummary: Sendable, Equatable {
    public var id: Int64
    public var externalID: String?
    public var name: String?
    public var addresses: [String]
    public var company: String?
    public var companyDomain: String?
    public var source: String?
    public var stage: String
    /// The owner's address as the CRM gave it.
    public var ownerEmail: String?
    /// The owner's rep address when the owner is a known rep; nil means unassigned.
    public var owner: String?
    /// The owner's team.
    public var team: String?
    public var createdAt: Int64?
    public var mqlAt: Int64?
    public var assignedAt: Int64?
    /// The deal's value in its currency, as the CRM last gave it.
    public var amount: Money?
    /// When the deal was won or lost.
    public var closedAt: Int64?
    /// Why sales rejected the lead or sent it back to nurture, as the CRM writes it.
    public var rejectionReason: String?
}

/// A change of a lead's deal amount (a new amount, or the same in another currency), with when and from which
/// import.
public struct AmountHistoryEntry: Sendable, Equatable {
    public var old: Money?
    public var new: Money?
    public var changedAt: Int64
    public var importID: Int64?
}

/// A change of stage, owner or rejection reason, with when and from which import.
public struct HistoryEntry: Sendable, Equatable {
    public var old: String?
    public var new: String?
    public var changedAt: Int64
    public var importID: Int64?
}

/// A lead with its history, for `lead show`.
public struct LeadDetail: Sendable, Equatable {
    public var lead: LeadSummary
    public var stageHistory: [HistoryEntry]
    public var ownerHistory: [HistoryEntry]
    /// Every change of the deal's amount, oldest first.
    public var amountHistory: [AmountHistoryEntry] = []
    /// Every change of the rejection reason, oldest first.
    public var reasonHistory: [HistoryEntry] = []
}

/// A rep as `reps list` shows it.
public struct RepSummary: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String?
    public var team: String?
    public var managerEmail: String?
    public var timezoneID: String?
    public var aliases: [String]
}

/// The stored message a new copy is another copy of (`MessageLog.storedCopy(of:inlineTwins:)`).
public struct StoredCopy: Sendable, Equatable {
    /// Its row id.
    public var id: Int64
    /// True when it was known only as an inline-forwarded original (the caller may give it its real identity).
    public var inlineTwin: Bool
    /// The rep whose mailbox (or forward) it came from, or nil (a journal copy, a mailbox without `rep`).
    public var mailboxRep: String?

    /// A stored copy.
    public init(id: Int64, inlineTwin: Bool, mailboxRep: String?) {
        self.id = id
        self.inlineTwin = inlineTwin
        self.mailboxRep = mailboxRep
    }
}

/// A stored spend row: what marketing spent on one source in one month and currency, and when it was imported.
public struct StoredSpend: Sendable, Equatable {
    /// The lead source (channel).
    public var source: String
    /// The month the spend is booked in.
    public var month: YearMonth
    /// The amount, in whole minor units of its currency.
    public var amount: Money
    /// When the import that last wrote the row ran.
    public var importedAt: Int64

    /// A row as the store holds it.
    public init(source: String, month: YearMonth, amount: Money, importedAt: Int64) {
        self.source = source
        self.month = month
        self.amount = amount
        self.importedAt = importedAt
    }
}
