using System.DirectoryServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Security.Application;

namespace Accounts.Controllers
{
    [ApiController]
    public class AccountInfoController : ControllerBase
    {
        [HttpGet("api/accounts/{name}/title")]
        public IActionResult Title(string name)
        {
            var entry = new DirectoryEntry("LDAP://CN=" + Encoder.LdapDistinguishedNameEncode(name) + ",OU=Users,DC=corp,DC=local");
            return Ok(entry.Properties["title"].Value);
        }
    }
}
