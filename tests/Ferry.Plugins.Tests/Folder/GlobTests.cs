using Ferry.Plugins.Folder.Internal;

namespace Ferry.Plugins.Tests.Folder;

public sealed class GlobTests
{
    [Theory]
    [InlineData("**/*.md", "a.md", true)]
    [InlineData("**/*.md", "x/y/a.md", true)]
    [InlineData("**/*.md", "x/y/a.mdx", false)]
    [InlineData("*.md", "deep/down/a.md", true)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/sub/a.md", false)]
    [InlineData("docs/**", "docs/sub/a.md", true)]
    [InlineData("docs/", "docs/sub/a.md", true)]
    [InlineData("docs/", "other/docs/a.md", false)]
    [InlineData("a/**/b.txt", "a/b.txt", true)]
    [InlineData("a/**/b.txt", "a/x/y/b.txt", true)]
    [InlineData("**/bin/**", "src/bin/", true)]
    [InlineData("**/bin/**", "bin/x.dll", true)]
    [InlineData("**/bin/**", "src/binary.txt", false)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("[a-c]*.cs", "beta.cs", true)]
    [InlineData("[!a-c]*.cs", "beta.cs", false)]
    [InlineData("**/*.{md,cs}", "x/a.cs", true)]
    [InlineData("**/*.{md,cs}", "x/a.json", false)]
    [InlineData("*.MD", "a.md", false)]
    [InlineData("a+b (1).txt", "a+b (1).txt", true)]
    public void IsMatch_Patterns_FollowTheDocumentedRules(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, Glob.Parse(pattern).IsMatch(path));
    }

    [Theory]
    [InlineData("**/*.{md")]
    [InlineData("[abc")]
    public void Parse_Unbalanced_Throws(string pattern)
    {
        Assert.Throws<FormatException>(() => Glob.Parse(pattern));
    }

    [Fact]
    public void Split_SemicolonsAndCommasOutsideBraces_SeparatePatterns()
    {
        Assert.Equal(["**/*.{md,cs}", "docs/**", "x"], GlobSet.Split("**/*.{md,cs}; docs/**,x"));
    }
}
