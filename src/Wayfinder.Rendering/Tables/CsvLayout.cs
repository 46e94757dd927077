namespace Wayfinder.Rendering.Tables;

/// <summary>How a journey is written as CSV.</summary>
public enum CsvLayout
{
    /// <summary>One row per lane item with its ids (journey, lane, stage, step, item): a table to filter and pivot.</summary>
    Tidy,

    /// <summary>The map as a grid: a row per lane, a column per stage or step.</summary>
    Grid,
}
