using System.DirectoryServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Directory.Controllers
{
    [ApiController]
    public class PeopleController : ControllerBase
    {
        [HttpGet("api/people/exists")]
        public IActionResult Exists([FromQuery] string uid)
        {
            if (!Regex.IsMatch(uid ?? "", "^[a-zA-Z0-9._-]{1,64}$"))
            {
                return BadRequest("invalid uid");
            }
            using (var root = new DirectoryEntry("LDAP://ldap.corp.local/OU=People,DC=corp,DC=local"))
            using (var searcher = new DirectorySearcher(root))
            {
                searcher.Filter = "(&(objectClass=user)(uid=" + uid + "))";
                return Ok(searcher.FindOne() != null);
            }
        }
    }
}
