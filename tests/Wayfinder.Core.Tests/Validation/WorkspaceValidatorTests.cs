namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Validation;

// Each fixture under Fixtures/validation is a small workspace with deliberate mistakes; positions were checked
// by counting columns in the YAML (1-based: "  - id: trial" puts the value at column 9).
public sealed class WorkspaceValidatorTests
{
    private static void AssertReported(string fixture, string code, string line)
    {
        var diagnostics = Fixture.Check(fixture);
        var found = diagnostics.FirstOrDefault(d => d.ToString() == line);
        Assert.True(found is not null, $"expected\n  {line}\nbut got\n  {string.Join("\n  ", diagnostics)}");
        Assert.Equal(code, found!.Code);
    }

    [Fact]
    public void ValidWorkspaceHasNoProblems()
    {
        var (workspace, result) = Wayfinder.App.Workspaces.WorkspaceFolder.Load(Fixture.PathOf("valid"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal((1, 2, 1), (workspace.Personas.Count, workspace.Journeys.Count, workspace.ValueGaps.Count));
        Assert.Empty(WorkspaceValidator.Validate(workspace, Fixture.Today).Diagnostics);
    }

    [Fact]
    public void JourneyIdThatIsNotSlugShapedSuggestsOne() =>
        AssertReported("ids", "invalid-id", "journeys/onboarding.yaml:2:5 id: 'Onboarding Flow' is not a valid journey id; use lowercase letters, digits and '-', e.g. onboarding-flow");

    [Fact]
    public void DuplicateStageIdIsReportedWithBothPositions() =>
        AssertReported("ids", "duplicate-id", "journeys/onboarding.yaml:9:9 stages[2].id: duplicate id \"trial\" (also at 7:9)");

    [Fact]
    public void StageWithoutNameIsReportedAtTheStage() =>
        AssertReported("ids", "missing-field", "journeys/onboarding.yaml:11:5 stages[3].name: this stage has no name; add name: …");

    [Fact]
    public void DuplicateItemIdWithinAJourneyIsReportedWithBothPositions() =>
        AssertReported("ids", "duplicate-id", "journeys/onboarding.yaml:18:13 lanes[0].items[1].id: duplicate id \"a1\" (also at 16:13)");

    [Fact]
    public void LaneWithoutTypeListsTheLaneTypes() =>
        AssertReported("ids", "missing-field", "journeys/onboarding.yaml:20:5 lanes[1].type: this lane has no type; add type: <one of goals, actions, questions, thoughts, touchpoints, channels, emotion, pain_points, opportunities, ideas, kpis, metrics, backstage, roles, images>");

    [Fact]
    public void DuplicateLaneIdIsReportedWithBothPositions() =>
        AssertReported("ids", "duplicate-id", "journeys/onboarding.yaml:20:9 lanes[1].id: duplicate id \"actions\" (also at 13:9)");

    [Fact]
    public void LaneWithoutIdIsReported() =>
        AssertReported("ids", "missing-field", "journeys/onboarding.yaml:21:5 lanes[2].id: this lane has no id; add id: …");

    [Fact]
    public void DuplicateNeedIdIsReportedWithBothPositions() =>
        AssertReported("ids", "duplicate-id", "personas/maya-copy.yaml:7:9 needs[1].id: duplicate id \"price\" (also at 5:9)");

    [Fact]
    public void DuplicatePersonaIdAcrossFilesNamesTheOtherFile() =>
        AssertReported("ids", "duplicate-id", "personas/maya.yaml:2:5 id: duplicate persona id \"maya\" (also in personas/maya-copy.yaml:2:5); give each persona its own id");

    [Fact]
    public void ChannelIdInWorkspaceConfigMustBeSlugShaped() =>
        AssertReported("ids", "invalid-id", "wayfinder.yaml:5:9 channels[1].id: 'Web Site' is not a valid channel id; use lowercase letters, digits and '-', e.g. web-site");

    [Fact]
    public void UnknownChannelGlyphIsAWarningWithTheClosest() =>
        AssertReported("ids", "unknown-glyph", "wayfinder.yaml:7:12 warning: channels[1].glyph: \"webb\" is not a glyph renderings can draw (without one the channel is drawn plain); did you mean web?");

    [Fact]
    public void CompetitorColoursThatAreNotHexColoursAreErrorsWithTheirPosition()
    {
        // #a0f and #CC79A7 are what renderings draw; a named colour, markup and a non-hex digit are not.
        Assert.Equal(
            [
                "wayfinder.yaml:11:12 competitors[2].color: \"red\" is not a colour renderings can draw; write #RGB or #RRGGBB in hex digits, e.g. #CC79A7",
                "wayfinder.yaml:14:12 competitors[3].color: \"#000\" onload=\"x\" is not a colour renderings can draw; write #RGB or #RRGGBB in hex digits, e.g. #CC79A7",
                "wayfinder.yaml:17:12 competitors[4].color: \"#12345G\" is not a colour renderings can draw; write #RGB or #RRGGBB in hex digits, e.g. #CC79A7",
            ],
            Fixture.Lines("colors"));
        Assert.All(Fixture.Check("colors"), d => Assert.Equal(("invalid-color", Severity.Error), (d.Code, d.Severity)));
    }

    [Fact]
    public void UnknownDataFormatSuggestsTheClosest() =>
        AssertReported("ids", "unknown-format", "wayfinder.yaml:11:13 data_sources[0].format: \"cvs\" is not a data format Wayfinder reads; did you mean csv?");

    [Fact]
    public void UnknownPresetListsThePresets() =>
        AssertReported("ids", "unknown-preset", "wayfinder.yaml:12:13 data_sources[0].preset: \"google\" is not a column-mapping preset; use one of plain, ga4, segment, mixpanel");

    [Fact]
    public void ATimestampFormatThatCannotReadADateIsReportedWithAnExample() =>
        AssertReported("data-sources", "bad-timestamp-format", "wayfinder.yaml:6:25 data_sources[0].mapping.timestamp_format: \"HH:mm\" does not say the year, month and day (use yyyy, MM and dd); write the file's format with .NET's date letters (yyyy year, MM month, dd day, HH:mm:ss time, zzz offset), e.g. timestamp_format: \"dd/MM/yyyy HH:mm\" reads 01/03/2026 14:05 as 1 March 2026 14:05");

    [Fact]
    public void AnUnknownTimestampUnitListsTheUnits() =>
        AssertReported("data-sources", "unknown-timestamp-unit", "wayfinder.yaml:7:23 data_sources[0].mapping.timestamp_unit: \"sec\" is not a unit of epoch numbers; use one of s, ms, us, µs, ns");

    [Fact]
    public void ANegativeBadRowLimitIsOutOfRange() =>
        AssertReported("data-sources", "out-of-range", "wayfinder.yaml:8:19 data_sources[0].max_bad_rows: -1 is not a number of rows; use 0 (any bad row and nothing is stored) or more, e.g. max_bad_rows: 10");

    [Fact]
    public void AValidTimestampFormatIsNotReported() =>
        Assert.DoesNotContain(Fixture.Check("data-sources"), d => d.Path.StartsWith("data_sources[1]", StringComparison.Ordinal));

    [Fact]
    public void DuplicateDataSourceIdIsReportedWithBothPositions() =>
        AssertReported("ids", "duplicate-id", "wayfinder.yaml:13:9 data_sources[1].id: duplicate id \"events\" (also at 9:9)");

    [Fact]
    public void IdsFixtureReportsExactlyTheseProblemsInFileOrder()
    {
        string[] expected =
        [
            "journeys/onboarding.yaml:2:5 id: 'Onboarding Flow' is not a valid journey id; use lowercase letters, digits and '-', e.g. onboarding-flow",
            "journeys/onboarding.yaml:9:9 stages[2].id: duplicate id \"trial\" (also at 7:9)",
            "journeys/onboarding.yaml:11:5 stages[3].name: this stage has no name; add name: …",
            "journeys/onboarding.yaml:18:13 lanes[0].items[1].id: duplicate id \"a1\" (also at 16:13)",
            "journeys/onboarding.yaml:20:5 lanes[1].type: this lane has no type; add type: <one of goals, actions, questions, thoughts, touchpoints, channels, emotion, pain_points, opportunities, ideas, kpis, metrics, backstage, roles, images>",
            "journeys/onboarding.yaml:20:9 lanes[1].id: duplicate id \"actions\" (also at 13:9)",
            "journeys/onboarding.yaml:21:5 lanes[2].id: this lane has no id; add id: …",
            "personas/maya-copy.yaml:7:9 needs[1].id: duplicate id \"price\" (also at 5:9)",
            "personas/maya.yaml:2:5 id: duplicate persona id \"maya\" (also in personas/maya-copy.yaml:2:5); give each persona its own id",
            "wayfinder.yaml:5:9 channels[1].id: 'Web Site' is not a valid channel id; use lowercase letters, digits and '-', e.g. web-site",
            "wayfinder.yaml:7:12 warning: channels[1].glyph: \"webb\" is not a glyph renderings can draw (without one the channel is drawn plain); did you mean web?",
            "wayfinder.yaml:11:13 data_sources[0].format: \"cvs\" is not a data format Wayfinder reads; did you mean csv?",
            "wayfinder.yaml:12:13 data_sources[0].preset: \"google\" is not a column-mapping preset; use one of plain, ga4, segment, mixpanel",
            "wayfinder.yaml:13:9 data_sources[1].id: duplicate id \"events\" (also at 9:9)",
        ];

        Assert.Equal(expected, Fixture.Lines("ids"));
    }

    [Fact]
    public void UnknownPersonaInJourneySuggestsTheClosest() =>
        AssertReported("references", "unknown-persona", "journeys/trip.yaml:5:5 personas[0]: \"myaa\" is not a persona in this workspace; did you mean maya?");

    [Fact]
    public void UnknownCompetitorAsJourneySubjectSuggestsTheClosest() =>
        AssertReported("references", "unknown-competitor", "journeys/trip.yaml:8:15 subject.competitor: \"jetfst\" is not a competitor in wayfinder.yaml; did you mean jetfast?");

    [Fact]
    public void UnknownStageInLaneItemSuggestsTheClosest() =>
        AssertReported("references", "unknown-stage", "journeys/trip.yaml:19:16 lanes[0].items[0].stage: \"trail\" is not a stage of this journey; did you mean trial?");

    [Fact]
    public void UnknownStepInLaneItemSuggestsTheClosestStepOfThatStage() =>
        AssertReported("references", "unknown-step", "journeys/trip.yaml:21:15 lanes[0].items[1].step: \"strat\" is not a step of stage \"trial\"; did you mean start?");

    [Fact]
    public void UnknownChannelOnTouchpointSuggestsTheClosest() =>
        AssertReported("references", "unknown-channel", "journeys/trip.yaml:26:18 lanes[1].items[0].channel: \"webb\" is not a channel in wayfinder.yaml; did you mean web?");

    [Fact]
    public void UnknownPersonaInRolesLaneSuggestsTheClosest() =>
        AssertReported("references", "unknown-persona", "journeys/trip.yaml:31:18 lanes[2].items[0].persona: \"mayaa\" is not a persona in this workspace; did you mean maya?");

    [Fact]
    public void UnknownEvidenceWithNothingCloseListsTheKnownIds() =>
        AssertReported("references", "unknown-evidence", "journeys/trip.yaml:33:13 lanes[2].items[0].evidence[0]: \"int-9\" is not an evidence id of this document or of wayfinder.yaml; use one of survey-2026");

    [Fact]
    public void UnknownPersonaChannelSuggestsTheClosest() =>
        AssertReported("references", "unknown-channel", "personas/maya.yaml:5:5 channels[0]: \"emial\" is not a channel in wayfinder.yaml; did you mean email?");

    [Fact]
    public void UnknownCompetitorInCompetitorAttitudeSuggestsTheClosest() =>
        AssertReported("references", "unknown-competitor", "personas/maya.yaml:7:17 competitor_attitudes[0].competitor: \"jetfats\" is not a competitor in wayfinder.yaml; did you mean jetfast?");

    [Fact]
    public void UnknownEvidenceOnTraitSuggestsTheClosest() =>
        AssertReported("references", "unknown-evidence", "personas/maya.yaml:12:9 goals[0].evidence[0]: \"survey-2025\" is not an evidence id of this document or of wayfinder.yaml; did you mean survey-2026?");

    [Fact]
    public void UnknownPersonaOfValueGapMapSuggestsTheClosest() =>
        AssertReported("references", "unknown-persona", "value-gaps/gaps.yaml:4:10 persona: \"maia\" is not a persona in this workspace; did you mean maya?");

    [Fact]
    public void UnknownCompetitorOfValueGapMapSuggestsTheClosest() =>
        AssertReported("references", "unknown-competitor", "value-gaps/gaps.yaml:6:5 competitors[0]: \"jetfat\" is not a competitor in wayfinder.yaml; did you mean jetfast?");

    [Fact]
    public void UnknownCompetitorAsRatingKeyIsReportedAtTheKey() =>
        AssertReported("references", "unknown-competitor", "value-gaps/gaps.yaml:12:7 needs[0].ratings.aerolux: \"aerolux\" is not a competitor in wayfinder.yaml; use one of jetfast");

    [Fact]
    public void ReferencesFixtureReportsExactlyTheseProblemsInFileOrder()
    {
        string[] expected =
        [
            "journeys/trip.yaml:5:5 personas[0]: \"myaa\" is not a persona in this workspace; did you mean maya?",
            "journeys/trip.yaml:8:15 subject.competitor: \"jetfst\" is not a competitor in wayfinder.yaml; did you mean jetfast?",
            "journeys/trip.yaml:19:16 lanes[0].items[0].stage: \"trail\" is not a stage of this journey; did you mean trial?",
            "journeys/trip.yaml:21:15 lanes[0].items[1].step: \"strat\" is not a step of stage \"trial\"; did you mean start?",
            "journeys/trip.yaml:26:18 lanes[1].items[0].channel: \"webb\" is not a channel in wayfinder.yaml; did you mean web?",
            "journeys/trip.yaml:31:18 lanes[2].items[0].persona: \"mayaa\" is not a persona in this workspace; did you mean maya?",
            "journeys/trip.yaml:33:13 lanes[2].items[0].evidence[0]: \"int-9\" is not an evidence id of this document or of wayfinder.yaml; use one of survey-2026",
            "personas/maya.yaml:5:5 channels[0]: \"emial\" is not a channel in wayfinder.yaml; did you mean email?",
            "personas/maya.yaml:7:17 competitor_attitudes[0].competitor: \"jetfats\" is not a competitor in wayfinder.yaml; did you mean jetfast?",
            "personas/maya.yaml:12:9 goals[0].evidence[0]: \"survey-2025\" is not an evidence id of this document or of wayfinder.yaml; did you mean survey-2026?",
            "value-gaps/gaps.yaml:4:10 persona: \"maia\" is not a persona in this workspace; did you mean maya?",
            "value-gaps/gaps.yaml:6:5 competitors[0]: \"jetfat\" is not a competitor in wayfinder.yaml; did you mean jetfast?",
            "value-gaps/gaps.yaml:12:7 needs[0].ratings.aerolux: \"aerolux\" is not a competitor in wayfinder.yaml; use one of jetfast",
        ];

        Assert.Equal(expected, Fixture.Lines("references"));
    }

    [Fact]
    public void EmotionScoreAboveTwoIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "journeys/trip.yaml:12:16 lanes[0].items[0].score: score 3 is outside -2..2; an emotion runs from -2 (very negative) to +2 (very positive)");

    [Fact]
    public void ScoreOutsideAnEmotionLaneIsAWarning() =>
        AssertReported("ranges", "score-outside-emotion", "journeys/trip.yaml:18:16 warning: lanes[1].items[0].score: a score only counts in an emotion lane, and lane \"tp\" is a touchpoints lane; move the score to an emotion lane or remove it");

    [Fact]
    public void CustomerValueBelowOneIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "journeys/trip.yaml:23:25 lanes[2].items[0].customer_value: customer_value 0 is outside 1..5; it runs from 1 (low) to 5 (high)");

    [Fact]
    public void BusinessValueAboveFiveIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "journeys/trip.yaml:24:25 lanes[2].items[0].business_value: business_value 6 is outside 1..5; it runs from 1 (low) to 5 (high)");

    [Fact]
    public void KpiTargetWithAWordForANumberPointsInsideTheQuotedString() =>
        AssertReported("ranges", "invalid-target", "journeys/trip.yaml:30:21 lanes[3].items[0].target: the KPI target is not valid: expected a number after '>=' at column 4, found 'eighty %'; a target reads like >= 80%, <= 3 days or 40..60 (see docs/filters.md)");

    [Fact]
    public void KpiTargetWithTrailingWordsPointsInsideThePlainString() =>
        AssertReported("ranges", "invalid-target", "journeys/trip.yaml:32:21 lanes[3].items[1].target: the KPI target is not valid: unexpected 'or more' at column 5; a target is one number with an optional unit, or a range a..b (see docs/filters.md)");

    [Fact]
    public void KpiTargetRangeThatRunsBackwardsIsReported() =>
        AssertReported("ranges", "invalid-target", "journeys/trip.yaml:34:18 lanes[3].items[2].target: the KPI target is not valid: the range 60..40 runs backwards; write the smaller number first (see docs/filters.md)");

    [Fact]
    public void AKpiMetricNamingNoPlaceOfTheJourneyIsReportedWithTheClosestOne() =>
        AssertReported("ranges", "invalid-metric", "journeys/trip.yaml:38:17 lanes[3].items[4].metric: the KPI metric cannot be measured: no stage or touchpoint 'bok' in this journey; did you mean book? (see docs/metrics.md)");

    [Fact]
    public void KpiTargetWithReversedComparatorSaysWhatToWrite() =>
        AssertReported("ranges", "invalid-target", "journeys/trip.yaml:36:18 lanes[3].items[3].target: the KPI target is not valid: '=>' at column 1 is not a comparator; write >= (see docs/filters.md)");

    [Fact]
    public void PersonaNeedImportanceAboveFiveIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "personas/maya.yaml:7:17 needs[0].importance: importance 6 is outside 1..5; importance runs from 1 (nice to have) to 5 (critical)");

    [Fact]
    public void ValueGapNeedImportanceBelowOneIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "value-gaps/gaps.yaml:11:17 needs[0].importance: importance 0 is outside 1..5; importance runs from 1 (nice to have) to 5 (critical)");

    [Fact]
    public void OurRatingBelowOneIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "value-gaps/gaps.yaml:12:11 needs[0].ours: rating 0.5 is outside 1..10; ratings run from 1 (poor) to 10 (excellent), the map's scale_max");

    [Fact]
    public void CompetitorRatingAboveScaleMaxIsOutOfRange() =>
        AssertReported("ranges", "out-of-range", "value-gaps/gaps.yaml:14:16 needs[0].ratings.jetfast: rating 11 is outside 1..10; ratings run from 1 (poor) to 10 (excellent), the map's scale_max");

    [Fact]
    public void RangesFixtureReportsExactlyTheseProblemsInFileOrder()
    {
        string[] expected =
        [
            "journeys/trip.yaml:12:16 lanes[0].items[0].score: score 3 is outside -2..2; an emotion runs from -2 (very negative) to +2 (very positive)",
            "journeys/trip.yaml:18:16 warning: lanes[1].items[0].score: a score only counts in an emotion lane, and lane \"tp\" is a touchpoints lane; move the score to an emotion lane or remove it",
            "journeys/trip.yaml:23:25 lanes[2].items[0].customer_value: customer_value 0 is outside 1..5; it runs from 1 (low) to 5 (high)",
            "journeys/trip.yaml:24:25 lanes[2].items[0].business_value: business_value 6 is outside 1..5; it runs from 1 (low) to 5 (high)",
            "journeys/trip.yaml:30:21 lanes[3].items[0].target: the KPI target is not valid: expected a number after '>=' at column 4, found 'eighty %'; a target reads like >= 80%, <= 3 days or 40..60 (see docs/filters.md)",
            "journeys/trip.yaml:32:21 lanes[3].items[1].target: the KPI target is not valid: unexpected 'or more' at column 5; a target is one number with an optional unit, or a range a..b (see docs/filters.md)",
            "journeys/trip.yaml:34:18 lanes[3].items[2].target: the KPI target is not valid: the range 60..40 runs backwards; write the smaller number first (see docs/filters.md)",
            "journeys/trip.yaml:36:18 lanes[3].items[3].target: the KPI target is not valid: '=>' at column 1 is not a comparator; write >= (see docs/filters.md)",
            "journeys/trip.yaml:38:17 lanes[3].items[4].metric: the KPI metric cannot be measured: no stage or touchpoint 'bok' in this journey; did you mean book? (see docs/metrics.md)",
            "personas/maya.yaml:7:17 needs[0].importance: importance 6 is outside 1..5; importance runs from 1 (nice to have) to 5 (critical)",
            "value-gaps/gaps.yaml:11:17 needs[0].importance: importance 0 is outside 1..5; importance runs from 1 (nice to have) to 5 (critical)",
            "value-gaps/gaps.yaml:12:11 needs[0].ours: rating 0.5 is outside 1..10; ratings run from 1 (poor) to 10 (excellent), the map's scale_max",
            "value-gaps/gaps.yaml:14:16 needs[0].ratings.jetfast: rating 11 is outside 1..10; ratings run from 1 (poor) to 10 (excellent), the map's scale_max",
        ];

        Assert.Equal(expected, Fixture.Lines("ranges"));
    }

    [Fact]
    public void FutureMapWhoseCurrentMapIsUnknownSuggestsTheClosest() =>
        AssertReported("journey-rules", "unknown-journey", "journeys/later.yaml:5:14 current_map: \"tody\" is not a journey in this workspace; did you mean today?");

    [Fact]
    public void ReviewWithoutLastReviewedIsAStaleWarning() =>
        AssertReported("journey-rules", "stale-review", "journeys/later.yaml:9:1 warning: review: never reviewed; review it and set last_reviewed");

    [Fact]
    public void FutureMapWithoutCurrentMapIsReportedAtItsState() =>
        AssertReported("journey-rules", "missing-current-map", "journeys/never.yaml:4:8 current_map: a future map needs current_map: the id of the current map it improves on");

    [Fact]
    public void FutureMapWhoseCurrentMapIsAlsoFutureIsReported() =>
        AssertReported("journey-rules", "current-map-is-future", "journeys/someday.yaml:5:14 current_map: \"later\" is itself a future map; current_map names the current map this one improves on");

    [Fact]
    public void CurrentMapWithCurrentMapSetIsAWarning() =>
        AssertReported("journey-rules", "current-map-on-current", "journeys/today.yaml:4:14 warning: current_map: current_map only applies to a future map; set state: future or remove current_map");

    [Fact]
    public void CompetitorSubjectWithoutCompetitorIsReported() =>
        AssertReported("journey-rules", "missing-competitor", "journeys/today.yaml:6:9 subject.competitor: a competitor's journey needs subject.competitor: the competitor's id from wayfinder.yaml");

    [Fact]
    public void PhaseNamingAnUnknownStageSuggestsTheClosest() =>
        AssertReported("journey-rules", "unknown-stage", "journeys/today.yaml:12:11 timeline.phases[0].stages[1]: \"discovr\" is not a stage of this journey; did you mean discover?");

    [Fact]
    public void LoopToALaterStageIsReported() =>
        AssertReported("journey-rules", "loop-not-earlier", "journeys/today.yaml:16:15 stages[0].loops_to: loops_to \"book\" is not an earlier stage; a stage loops back to a stage before it: the first stage cannot loop back");

    [Fact]
    public void SubJourneyThatIsNotAJourneyListsTheJourneys() =>
        AssertReported("journey-rules", "unknown-journey", "journeys/today.yaml:19:18 stages[1].sub_journey: \"checkout\" is not a journey in this workspace; use one of later, never, someday, today");

    [Fact]
    public void StepNextNamingAStepOfAnotherStageIsReported() =>
        AssertReported("journey-rules", "unknown-step", "journeys/today.yaml:25:13 stages[1].steps[0].next[1]: \"board\" is not a step of stage \"book\"; use one of pick, pay");

    [Fact]
    public void TouchpointWithoutStageIsATouchpointInNoStage() =>
        AssertReported("journey-rules", "touchpoint-no-stage", "journeys/today.yaml:35:9 lanes[0].items[0].stage: a touchpoint in no stage; add stage: <the id of the stage it belongs to>");

    [Fact]
    public void TouchpointWithUnknownStageIsATouchpointInNoStage() =>
        AssertReported("journey-rules", "touchpoint-no-stage", "journeys/today.yaml:37:16 lanes[0].items[1].stage: a touchpoint in no stage: \"bok\" is not a stage of this journey; did you mean book?");

    [Fact]
    public void TouchpointWithoutChannelIsAWarning() =>
        AssertReported("journey-rules", "missing-channel", "journeys/today.yaml:39:9 warning: lanes[0].items[2].channel: this touchpoint has no channel; add channel: <one of web, app>");

    [Fact]
    public void WildcardPatternMatchingAnotherTouchpointsEventIsAClash() =>
        AssertReported("journey-rules", "event-claimed-twice", "journeys/today.yaml:48:13 lanes[0].items[3].events[0]: event pattern \"checkout_*\" overlaps \"checkout_view\", which is also claimed by the touchpoint at lanes[0].items[2].events[0] (42:13); an event maps to at most one touchpoint, so give each a different where condition or remove one");

    [Fact]
    public void MalformedWhereConditionPointsInsideTheEscapedString() =>
        AssertReported("journey-rules", "invalid-filter", "journeys/today.yaml:52:41 lanes[0].items[3].events[2].where: this where condition is not a valid filter: expected an attribute name after 'and' at column 19, found the end of the filter (see docs/filters.md)");

    [Fact]
    public void SameEventWithSameWhereOnTwoTouchpointsIsAClash() =>
        AssertReported("journey-rules", "event-claimed-twice", "journeys/today.yaml:56:13 lanes[0].items[4].events[0]: event \"page_view\" is also claimed by the touchpoint at lanes[0].items[2].events[1] (43:13); an event maps to at most one touchpoint, so give each a different where condition or remove one");

    [Fact]
    public void EventWithoutWhereClaimedByTwoTouchpointsIsAClash() =>
        AssertReported("journey-rules", "event-claimed-twice", "journeys/today.yaml:58:13 lanes[0].items[4].events[1]: event \"click\" is also claimed by the touchpoint at lanes[0].items[3].events[2] (51:13); an event maps to at most one touchpoint, so give each a different where condition or remove one");

    [Fact]
    public void MalformedSegmentPointsInsideTheYamlString() =>
        AssertReported("journey-rules", "invalid-filter", "personas/maya.yaml:4:35 segment: this segment is not a valid filter: expected a value after '>=' at column 26, found the end of the filter (see docs/filters.md)");

    [Fact]
    public void ReviewPastDueIsAStaleWarningWithItsDueDate() =>
        AssertReported("journey-rules", "stale-review", "personas/maya.yaml:6:18 warning: review.last_reviewed: review is past due: last reviewed 2026-05-01, every 90 days, so due 2026-07-30; review it and update last_reviewed");

    [Fact]
    public void JourneyRulesFixtureReportsExactlyTheseProblemsInFileOrder()
    {
        string[] expected =
        [
            "journeys/later.yaml:5:14 current_map: \"tody\" is not a journey in this workspace; did you mean today?",
            "journeys/later.yaml:9:1 warning: review: never reviewed; review it and set last_reviewed",
            "journeys/never.yaml:4:8 current_map: a future map needs current_map: the id of the current map it improves on",
            "journeys/someday.yaml:5:14 current_map: \"later\" is itself a future map; current_map names the current map this one improves on",
            "journeys/today.yaml:4:14 warning: current_map: current_map only applies to a future map; set state: future or remove current_map",
            "journeys/today.yaml:6:9 subject.competitor: a competitor's journey needs subject.competitor: the competitor's id from wayfinder.yaml",
            "journeys/today.yaml:12:11 timeline.phases[0].stages[1]: \"discovr\" is not a stage of this journey; did you mean discover?",
            "journeys/today.yaml:16:15 stages[0].loops_to: loops_to \"book\" is not an earlier stage; a stage loops back to a stage before it: the first stage cannot loop back",
            "journeys/today.yaml:19:18 stages[1].sub_journey: \"checkout\" is not a journey in this workspace; use one of later, never, someday, today",
            "journeys/today.yaml:25:13 stages[1].steps[0].next[1]: \"board\" is not a step of stage \"book\"; use one of pick, pay",
            "journeys/today.yaml:35:9 lanes[0].items[0].stage: a touchpoint in no stage; add stage: <the id of the stage it belongs to>",
            "journeys/today.yaml:37:16 lanes[0].items[1].stage: a touchpoint in no stage: \"bok\" is not a stage of this journey; did you mean book?",
            "journeys/today.yaml:39:9 warning: lanes[0].items[2].channel: this touchpoint has no channel; add channel: <one of web, app>",
            "journeys/today.yaml:48:13 lanes[0].items[3].events[0]: event pattern \"checkout_*\" overlaps \"checkout_view\", which is also claimed by the touchpoint at lanes[0].items[2].events[0] (42:13); an event maps to at most one touchpoint, so give each a different where condition or remove one",
            "journeys/today.yaml:52:41 lanes[0].items[3].events[2].where: this where condition is not a valid filter: expected an attribute name after 'and' at column 19, found the end of the filter (see docs/filters.md)",
            "journeys/today.yaml:56:13 lanes[0].items[4].events[0]: event \"page_view\" is also claimed by the touchpoint at lanes[0].items[2].events[1] (43:13); an event maps to at most one touchpoint, so give each a different where condition or remove one",
            "journeys/today.yaml:58:13 lanes[0].items[4].events[1]: event \"click\" is also claimed by the touchpoint at lanes[0].items[3].events[2] (51:13); an event maps to at most one touchpoint, so give each a different where condition or remove one",
            "personas/maya.yaml:4:35 segment: this segment is not a valid filter: expected a value after '>=' at column 26, found the end of the filter (see docs/filters.md)",
            "personas/maya.yaml:6:18 warning: review.last_reviewed: review is past due: last reviewed 2026-05-01, every 90 days, so due 2026-07-30; review it and update last_reviewed",
        ];

        Assert.Equal(expected, Fixture.Lines("journey-rules"));
    }

    [Fact]
    public void ScalarWhereAListIsExpectedIsReported() =>
        AssertReported("structure", "wrong-type", "journeys/shapes.yaml:4:11 personas: expected a list here, found the text 'maya'; write each entry on its own line starting with '- '");

    [Fact]
    public void ScalarWhereAMappingIsExpectedIsReported() =>
        AssertReported("structure", "wrong-type", "journeys/shapes.yaml:6:5 stages[0]: expected a stage with fields such as id, name, found the text 'book'");

    [Fact]
    public void WrongLaneTypeSuggestsTheClosest() =>
        AssertReported("structure", "unknown-value", "journeys/shapes.yaml:9:11 lanes[0].type: 'touchpoint' is not one of goals, actions, questions, thoughts, touchpoints, channels, emotion, pain_points, opportunities, ideas, kpis, metrics, backstage, roles, images; did you mean touchpoints?");

    [Fact]
    public void UnknownFieldInEventMatcherMappingSuggestsWhere() =>
        AssertReported("structure", "unknown-field", "journeys/shapes.yaml:14:13 lanes[0].items[0].events[0].were: unknown field 'were' in an event; did you mean where?");

    [Fact]
    public void EventMatcherMappingWithoutNameIsReported() =>
        AssertReported("structure", "missing-field", "journeys/shapes.yaml:15:13 lanes[0].items[0].events[1].name: this event has no name; add name: …");

    [Fact]
    public void SecondUnknownFieldInEventMatcherIsAlsoReported() =>
        AssertReported("structure", "unknown-field", "journeys/shapes.yaml:15:13 lanes[0].items[0].events[1].wher: unknown field 'wher' in an event; did you mean where?");

    [Fact]
    public void InvalidDateSaysHowToWriteOne() =>
        AssertReported("structure", "wrong-type", "journeys/shapes.yaml:17:18 review.last_reviewed: '2026-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25");

    [Fact]
    public void WrongEnumValueSaysTheAllowedValuesAndTheClosest() =>
        AssertReported("structure", "unknown-value", "journeys/three-mistakes.yaml:4:8 state: 'futur' is not one of current, future; did you mean future?");

    [Fact]
    public void UnknownFieldSuggestsTheClosestFieldOfTheModel() =>
        AssertReported("structure", "unknown-field", "journeys/three-mistakes.yaml:9:5 stages[0].descripton: unknown field 'descripton' in a stage; did you mean description?");

    [Fact]
    public void TextWhereANumberIsExpectedIsReported() =>
        AssertReported("structure", "wrong-type", "journeys/three-mistakes.yaml:15:16 lanes[0].items[0].score: 'very happy' is not a number; write one such as 4 or -1.5");

    [Fact]
    public void BadIndentationIsOneErrorInPlainWords() =>
        AssertReported("structure", "yaml", "personas/indent.yaml:7:4 this line is indented differently from the lines around it; line it up with the field or list item it belongs to");

    [Fact]
    public void TabIndentationIsReportedAtTheTab() =>
        AssertReported("structure", "yaml", "personas/tabby.yaml:5:1 a tab indents this line; YAML indents with spaces only");

    [Fact]
    public void TextForScaleMaxIsReported() =>
        AssertReported("structure", "wrong-type", "value-gaps/gaps.yaml:5:12 scale_max: 'five' is not a number; write one such as 4 or -1.5");

    [Fact]
    public void TextForARatingIsReported() =>
        AssertReported("structure", "wrong-type", "value-gaps/gaps.yaml:10:16 needs[0].ratings.jetfast: 'good' is not a number; write one such as 4 or -1.5");

    [Fact]
    public void UnknownFieldInValueGapNeedSuggestsTheClosest() =>
        AssertReported("structure", "unknown-field", "value-gaps/gaps.yaml:11:5 needs[0].evidense: unknown field 'evidense' in a need; did you mean evidence?");

    [Fact]
    public void UnknownFieldInWorkspaceConfigSuggestsTheClosest() =>
        AssertReported("structure", "unknown-field", "wayfinder.yaml:2:1 chanels: unknown field 'chanels' in a workspace; did you mean channels?");

    [Fact]
    public void CompetitorWithoutNameInWorkspaceConfigIsReported() =>
        AssertReported("structure", "missing-field", "wayfinder.yaml:6:5 competitors[0].name: this competitor has no name; add name: …");

    [Fact]
    public void TextForADefaultNumberOfDaysIsReported() =>
        AssertReported("structure", "wrong-type", "wayfinder.yaml:8:24 defaults.review_cadence_days: 'ninety' is not a whole number; write one such as 3");

    [Fact]
    public void StructureFixtureReportsExactlyTheseProblemsInFileOrder()
    {
        string[] expected =
        [
            "journeys/shapes.yaml:4:11 personas: expected a list here, found the text 'maya'; write each entry on its own line starting with '- '",
            "journeys/shapes.yaml:6:5 stages[0]: expected a stage with fields such as id, name, found the text 'book'",
            "journeys/shapes.yaml:9:11 lanes[0].type: 'touchpoint' is not one of goals, actions, questions, thoughts, touchpoints, channels, emotion, pain_points, opportunities, ideas, kpis, metrics, backstage, roles, images; did you mean touchpoints?",
            "journeys/shapes.yaml:14:13 lanes[0].items[0].events[0].were: unknown field 'were' in an event; did you mean where?",
            "journeys/shapes.yaml:15:13 lanes[0].items[0].events[1].name: this event has no name; add name: …",
            "journeys/shapes.yaml:15:13 lanes[0].items[0].events[1].wher: unknown field 'wher' in an event; did you mean where?",
            "journeys/shapes.yaml:17:18 review.last_reviewed: '2026-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25",
            "journeys/three-mistakes.yaml:4:8 state: 'futur' is not one of current, future; did you mean future?",
            "journeys/three-mistakes.yaml:9:5 stages[0].descripton: unknown field 'descripton' in a stage; did you mean description?",
            "journeys/three-mistakes.yaml:15:16 lanes[0].items[0].score: 'very happy' is not a number; write one such as 4 or -1.5",
            "personas/indent.yaml:7:4 this line is indented differently from the lines around it; line it up with the field or list item it belongs to",
            "personas/tabby.yaml:5:1 a tab indents this line; YAML indents with spaces only",
            "value-gaps/gaps.yaml:5:12 scale_max: 'five' is not a number; write one such as 4 or -1.5",
            "value-gaps/gaps.yaml:10:16 needs[0].ratings.jetfast: 'good' is not a number; write one such as 4 or -1.5",
            "value-gaps/gaps.yaml:11:5 needs[0].evidense: unknown field 'evidense' in a need; did you mean evidence?",
            "wayfinder.yaml:2:1 chanels: unknown field 'chanels' in a workspace; did you mean channels?",
            "wayfinder.yaml:6:5 competitors[0].name: this competitor has no name; add name: …",
            "wayfinder.yaml:8:24 defaults.review_cadence_days: 'ninety' is not a whole number; write one such as 3",
        ];

        Assert.Equal(expected, Fixture.Lines("structure"));
    }
}
