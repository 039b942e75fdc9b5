<?php
$username = $_COOKIE['username'] ?? 'guest';
?>
<nav>
  <span>Signed in as <?php print htmlentities($username, ENT_QUOTES, 'UTF-8'); ?></span>
</nav>
