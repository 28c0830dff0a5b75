namespace Lotkeeper.Storage.Sql;

/// <summary>When a permit change gets the sequence number that orders it in the change feeds.</summary>
public enum ChangeNumbering
{
    /// <summary>
    /// Inside the write's own transaction, from a per-client counter row that stays locked until the commit. Suits an
    /// engine that runs one writer at a time, where the lock never makes writers wait for each other.
    /// </summary>
    InWriteTransaction,

    /// <summary>
    /// After the commit: a write leaves the row's number at 0 with its transaction id, and feed reads first number
    /// the committed rows at 0, one session at a time, in transaction id order. Needs transaction ids, a sequence
    /// that every session shares and a transaction-level advisory lock (PostgreSQL).
    /// </summary>
    AfterCommit,
}
