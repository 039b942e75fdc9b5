<?php
$username = $_COOKIE['username'] ?? 'guest';
?>
<nav>
  <span>Signed in as <?php print $username; ?></span>
</nav>
