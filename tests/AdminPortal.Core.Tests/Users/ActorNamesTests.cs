using System.Security.Claims;
using AdminPortal.Core.Users;

namespace AdminPortal.Core.Tests.Users;

public sealed class ActorNamesTests
{
    [Fact]
    public void The_actor_name_is_the_principals_name()
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin@example.com")], "cookie"));

        Assert.Equal("admin@example.com", admin.ActorName());
    }

    [Fact]
    public void A_principal_without_a_name_or_identity_acts_as_the_empty_name_never_null()
    {
        Assert.Equal("", new ClaimsPrincipal(new ClaimsIdentity()).ActorName());
        Assert.Equal("", new ClaimsPrincipal().ActorName());
    }
}
