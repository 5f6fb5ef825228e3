using System.Text;
using Ferry.Plugins.Folder.Internal;

namespace Ferry.Plugins.Tests.Folder;

public sealed class ExtractionTests
{
    [Fact]
    public void Html_ScriptsStylesCommentsAndHead_AreDropped()
    {
        var (text, title) = HtmlText.Extract("<html><head><title> A  &lt;B&gt; </title><meta name=x><link rel=y></head><body><script type=\"a>b\">alert(1)</script><STYLE>p{}</STYLE><noscript>no</noscript><p>Hi&nbsp;there</p><!-- <p>hidden</p> --></body></html>");

        Assert.Equal("A <B>", title);
        Assert.Equal("Hi there", text);
    }

    [Fact]
    public void Html_PreKeepsWhitespaceAndCdataIsText()
    {
        var (text, _) = HtmlText.Extract("<p>a</p><pre>  x\n    y</pre><div><![CDATA[1 < 2]]></div>");

        Assert.Equal("a\n\n  x\n    y\n1 < 2", text);
    }

    [Fact]
    public void Html_NoTitleElement_TakesTheFirstH1()
    {
        var (text, title) = HtmlText.Extract("<body><h1>Main <em>Topic</em></h1><h1>Second</h1>text &#x41;&#66; 5 < 6</body>");

        Assert.Equal("Main Topic", title);
        Assert.Equal("Main Topic\n\nSecond\n\ntext AB 5 < 6", text);
    }

    [Theory]
    [InlineData("# Title\ntext", "Title")]
    [InlineData("intro\n\n## Sub Title ##\n", "Sub Title")]
    [InlineData("---\ntitle: 'It''s'\n---\n# Heading", "It's")]
    [InlineData("---\nauthor: x\n---\n# Heading", "Heading")]
    [InlineData("Setext\n---\n", "Setext")]
    [InlineData("    # indented code\n#no-space\n", null)]
    [InlineData("~~~\n# fenced\n~~~\n", null)]
    public void Markdown_Title_FollowsTheDocumentedRules(string markdown, string? title)
    {
        Assert.Equal(title, MarkdownTitle.Find(markdown));
    }

    [Fact]
    public void Decode_ByteOrderMarks_SelectTheEncoding()
    {
        var text = "añ☺𝄞";
        Assert.True(TextDecoder.TryDecode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], out var a, out var ea));
        Assert.Equal((text, "utf-8-bom"), (a, ea));
        Assert.True(TextDecoder.TryDecode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)], out var b, out var eb));
        Assert.Equal((text, "utf-16be"), (b, eb));
        Assert.True(TextDecoder.TryDecode([.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)], out var c, out var ec));
        Assert.Equal((text, "utf-32le"), (c, ec));
        Assert.True(TextDecoder.TryDecode(Encoding.UTF8.GetBytes(text), out var d, out var ed));
        Assert.Equal((text, "utf-8"), (d, ed));
    }

    [Fact]
    public void Decode_InvalidUtf8OrNulOrBrokenUtf16_IsNotText()
    {
        Assert.False(TextDecoder.TryDecode([0x61, 0xC3], out _, out _));
        Assert.False(TextDecoder.TryDecode([0x61, 0x00, 0x62], out _, out _));
        Assert.False(TextDecoder.TryDecode([0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00], out _, out _));
    }
}
