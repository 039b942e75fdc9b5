using System;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Auth
{
    [Serializable]
    public class RememberedUser
    {
        public string UserName { get; set; }
        public DateTime IssuedAt { get; set; }
    }

    public class RememberMeReader
    {
        public RememberedUser Read(HttpRequest request)
        {
            string cookie = request.Cookies["remember"];
            if (cookie == null) return null;
            byte[] raw = Convert.FromBase64String(cookie);
            return JsonSerializer.Deserialize<RememberedUser>(raw);
        }
    }
}
