namespace Wayfinder.Rendering.Slides;

/// <summary>
/// The fixed parts of every deck: a theme (Okabe–Ito accents, DejaVu Sans), a master and its one "Title Only" layout.
/// They hold no user text, so they are written as XML once here rather than built element by element.
/// </summary>
internal static class PptxParts
{
    private const string Namespaces =
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
        + "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

    private const string GroupProperties =
        "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/>"
        + "<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

    // The title placeholder where the slides put their titles: 36 pt from the left, 18 pt from the top, 888 × 62 pt.
    private const string TitlePlaceholder =
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr>"
        + "<p:spPr><a:xfrm><a:off x=\"457200\" y=\"228600\"/><a:ext cx=\"11277600\" cy=\"787400\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>"
        + "<p:txBody><a:bodyPr anchor=\"t\"/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-GB\"/></a:p></p:txBody></p:sp>";

    public const string Master =
        "<p:sldMaster " + Namespaces + "><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>"
        + GroupProperties + TitlePlaceholder + "</p:spTree></p:cSld>"
        + "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" "
        + "accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
        + "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rIdLayout\"/></p:sldLayoutIdLst>"
        + "<p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz=\"2400\" b=\"1\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle>"
        + "<p:bodyStyle><a:lvl1pPr><a:defRPr sz=\"1400\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>"
        + "<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1400\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles>"
        + "</p:sldMaster>";

    public const string Layout =
        "<p:sldLayout " + Namespaces + " type=\"titleOnly\" preserve=\"1\"><p:cSld name=\"Title Only\"><p:spTree>"
        + GroupProperties + TitlePlaceholder + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>";

    private const string Fill3 = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";

    public const string Theme =
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Wayfinder\"><a:themeElements>"
        + "<a:clrScheme name=\"Wayfinder\"><a:dk1><a:srgbClr val=\"1B1F24\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"1F4E79\"/></a:dk2>"
        + "<a:lt2><a:srgbClr val=\"F6F7F9\"/></a:lt2><a:accent1><a:srgbClr val=\"0072B2\"/></a:accent1><a:accent2><a:srgbClr val=\"E69F00\"/></a:accent2>"
        + "<a:accent3><a:srgbClr val=\"009E73\"/></a:accent3><a:accent4><a:srgbClr val=\"D55E00\"/></a:accent4><a:accent5><a:srgbClr val=\"56B4E9\"/></a:accent5>"
        + "<a:accent6><a:srgbClr val=\"CC79A7\"/></a:accent6><a:hlink><a:srgbClr val=\"005A8E\"/></a:hlink><a:folHlink><a:srgbClr val=\"8E3F6E\"/></a:folHlink></a:clrScheme>"
        + "<a:fontScheme name=\"Wayfinder\"><a:majorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>"
        + "<a:minorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>"
        + "<a:fmtScheme name=\"Wayfinder\"><a:fillStyleLst>" + Fill3 + "</a:fillStyleLst><a:lnStyleLst>"
        + "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
        + "<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>"
        + "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
        + "<a:bgFillStyleLst>" + Fill3 + "</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>";
}
