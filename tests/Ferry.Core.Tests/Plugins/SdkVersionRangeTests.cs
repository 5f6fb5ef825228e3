using Ferry.Core.Plugins.Manifest;
using Xunit;

namespace Ferry.Core.Tests.Plugins;

public sealed class SdkVersionRangeTests
{
    [Theory]
    [InlineData(">=1.0 <2.0", "1.0.0", true)]
    [InlineData(">=1.0 <2.0", "1.99.5", true)]
    [InlineData(">=1.0 <2.0", "2.0.0", false)]
    [InlineData(">=1.0 <2.0", "0.9.0", false)]
    [InlineData(">= 1.2  < 2", "1.2.0", true)]
    [InlineData(">1.2", "1.2.0", false)]
    [InlineData(">1.2", "1.2.1", true)]
    [InlineData("<=1.2", "1.2.0", true)]
    [InlineData("=1.2.3", "1.2.3", true)]
    [InlineData("=1.2.3", "1.2.4", false)]
    [InlineData("^1.2", "1.9.0", true)]
    [InlineData("^1.2", "2.0.0", false)]
    [InlineData("^1.2", "1.1.0", false)]
    [InlineData("^0.3", "0.3.5", true)]
    [InlineData("^0.3", "0.4.0", false)]
    [InlineData("~1.2", "1.2.9", true)]
    [InlineData("~1.2", "1.3.0", false)]
    [InlineData("~1", "1.9.0", true)]
    [InlineData("~1", "2.0.0", false)]
    public void Includes_Version_FollowsComparators(string range, string version, bool expected)
    {
        Assert.Equal(expected, SdkVersionRange.Parse(range).Includes(Version.Parse(version)));
    }

    [Fact]
    public void Includes_FourPartHostVersion_ComparesThreeParts()
    {
        Assert.True(SdkVersionRange.Parse("=1.0.0").Includes(new Version(1, 0, 0, 0)));
        Assert.True(SdkVersionRange.Parse("=1.0").Includes(new Version(1, 0)));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData(">=")]
    [InlineData(">=1.x")]
    [InlineData(">=1.2.3.4")]
    [InlineData("")]
    public void Parse_Malformed_ThrowsFormatException(string range)
    {
        Assert.Throws<FormatException>(() => SdkVersionRange.Parse(range));
    }

    [Fact]
    public void Format_HostVersion_IsThreeParts()
    {
        Assert.Equal("1.0.0", SdkVersionRange.Format(new Version(1, 0, 0, 0)));
        Assert.Equal("2.1.0", SdkVersionRange.Format(new Version(2, 1)));
    }
}
