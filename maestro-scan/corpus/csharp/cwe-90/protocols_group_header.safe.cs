using System.Collections.Generic;
using System.DirectoryServices.Protocols;
using Microsoft.AspNetCore.Mvc;

namespace Groups.Controllers
{
    [ApiController]
    public class GroupCheckController : ControllerBase
    {
        private static readonly HashSet<string> Groups = new HashSet<string> { "admins", "editors", "auditors" };
        private readonly LdapConnection _ldap;

        public GroupCheckController(LdapConnection ldap)
        {
            _ldap = ldap;
        }

        [HttpGet("api/groups/check")]
        public IActionResult Check([FromHeader(Name = "X-Group")] string group)
        {
            if (!Groups.Contains(group))
            {
                return Ok(false);
            }
            string filter = "(&(objectClass=groupOfNames)(cn=" + group + "))";
            var request = new SearchRequest("ou=groups,dc=example,dc=com", filter, SearchScope.Subtree, "cn");
            var response = (SearchResponse)_ldap.SendRequest(request);
            return Ok(response.Entries.Count > 0);
        }
    }
}
