using System.Collections.Generic;
using System.DirectoryServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Security.Application;

namespace OrgChart.Controllers
{
    public class TeamQuery
    {
        public string Department { get; set; }
    }

    [ApiController]
    public class TeamController : ControllerBase
    {
        private static string TeamFilter(string department)
        {
            return "(&(objectClass=user)(department=" + Encoder.LdapFilterEncode(department) + "))";
        }

        [HttpPost("api/team")]
        public IActionResult Team([FromBody] TeamQuery q)
        {
            var searcher = new DirectorySearcher(TeamFilter(q.Department));
            var names = new List<string>();
            foreach (SearchResult r in searcher.FindAll()) names.Add((string)r.Properties["cn"][0]);
            return Ok(names);
        }
    }
}
