using Microsoft.AspNetCore.Mvc;
using Microsoft.Security.Application;
using Novell.Directory.Ldap;

namespace Contacts.Controllers
{
    public class LookupRequest
    {
        public string Email { get; set; }
    }

    [ApiController]
    public class ContactLookupController : ControllerBase
    {
        private readonly LdapConnection _conn;

        public ContactLookupController(LdapConnection conn)
        {
            _conn = conn;
        }

        [HttpPost("api/contacts/lookup")]
        public IActionResult Lookup([FromBody] LookupRequest req)
        {
            string filter = "(mail=" + Encoder.LdapFilterEncode(req.Email) + ")";
            var results = _conn.Search("dc=example,dc=org", LdapConnection.ScopeSub, filter, new[] { "displayName" }, false);
            return Ok(results.HasMore());
        }
    }
}
