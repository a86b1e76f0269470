"""aiosdkgen: typed async Python SDKs from OpenAPI documents."""
